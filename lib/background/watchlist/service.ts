import { browser } from 'wxt/browser';
import { plainText } from '../../alerts/text';
import { LoupeError } from '../../messaging/errors';
import { HISTORY_MAX, WATCHLIST_MAX, type WatchEvent, type WatchlistView } from '../../messaging/messages/watchlist';
import { ApiError } from '../../upwork/api/errors';
import type { TokenSource } from '../../upwork/api/token-source';
import type { JobDetail } from '../../upwork/model';
import { jobUrl } from '../../upwork/site/urls';
import type { ApiService } from '../api-service';
import { showNotification } from '../notices';
import { detectChanges } from './detect';
import { ALARM_NAME, FORMULA_WORDS, watchInterval } from './schedule';
import { createWatchlistStore, type WatchlistState, type WatchlistStore } from './store';

/**
 * The watchlist. One alarm checks every watched job in one round: each job's detail
 * through the request queue at 'background' priority (batched 25 to a request, stopping at 95% of
 * the day's budget), compared with what the last round saw. News gets one notification per job;
 * a hire or a closed job ends the watch. The interval follows schedule.ts.
 *
 * Nothing here opens or reloads upwork.com: a notification click opens the job because the user asked.
 */

export const PAUSED_WORDS = {
  signedOut: 'Watched jobs are not checked while Loupe is signed out of Upwork. Checks start again after you sign in.',
  budget:
    'Watched jobs wait: Loupe has used 95% of today’s Upwork requests. Checks start again after midnight UTC; pages you look at still get data.',
} as const;

export const NOTIFICATION_PREFIX = 'loupe-watch-';

export interface WatchlistDeps {
  service: () => Pick<ApiService, 'jobDetail' | 'knownJob' | 'status'>;
  tokens: Pick<TokenSource, 'getAccountKey'>;
  store?: WatchlistStore;
  now?: () => number;
}

export interface RoundResult {
  checked: number;
  events: number;
  paused: string | null;
}

export interface Watchlist {
  view(): Promise<WatchlistView>;
  which(ids: readonly string[]): Promise<string[]>;
  add(id: string, title?: string): Promise<void>;
  remove(id: string): Promise<void>;
  setThreshold(threshold: number | null): Promise<void>;
  /** One round over every watched job: what the alarm runs, and "check now". */
  checkAll(): Promise<RoundResult>;
  onAlarm(alarm: { name: string }): Promise<RoundResult | null>;
  onNotificationClicked(notificationId: string): Promise<void>;
  /** Sets the alarm to the interval the budget allows now (none while nothing is watched). */
  syncAlarm(): Promise<void>;
}

const active = (state: WatchlistState) => state.jobs.filter((job) => job.stopped === null);

export function createWatchlist(deps: WatchlistDeps): Watchlist {
  const store = deps.store ?? createWatchlistStore();
  const now = deps.now ?? Date.now;
  let round: Promise<RoundResult> | null = null;

  async function requestsLeft(): Promise<number> {
    try {
      const queue = (await deps.service().status()).queue;
      return queue ? Math.max(0, queue.dailyLimit - queue.requestsToday) : 40_000;
    } catch {
      return 40_000;
    }
  }

  async function interval(watched: number) {
    return watchInterval(watched, await requestsLeft());
  }

  async function syncAlarm(): Promise<void> {
    const watched = active(await store.read()).length;
    if (watched === 0) {
      await browser.alarms.clear(ALARM_NAME);
      return;
    }
    const { minutes } = await interval(watched);
    const existing = await browser.alarms.get(ALARM_NAME);
    // Re-creating an alarm restarts its clock: only when the interval really changed.
    if (existing?.periodInMinutes === minutes) return;
    await browser.alarms.create(ALARM_NAME, { delayInMinutes: minutes, periodInMinutes: minutes });
  }

  function notify(id: string, title: string, events: WatchEvent[]): Promise<void> {
    return showNotification(`${NOTIFICATION_PREFIX}${id}-${now()}`, {
      title: plainText(title, 90) || 'Watched job',
      message: plainText(events.map((event) => event.text).join(' '), 200),
      contextMessage: 'Loupe watchlist',
    });
  }

  async function pause(message: string): Promise<RoundResult> {
    await store.update((state) => {
      state.paused = message;
    });
    return { checked: 0, events: 0, paused: message };
  }

  async function runRound(): Promise<RoundResult> {
    const state = await store.read();
    const jobs = active(state);
    if (jobs.length === 0) return { checked: 0, events: 0, paused: null };
    if (!(await deps.tokens.getAccountKey())) return pause(PAUSED_WORDS.signedOut);

    const service = deps.service();
    const answers = await Promise.allSettled(
      jobs.map((job) => service.jobDetail(job.id, { priority: 'background', requestedBy: 'watchlist', maxAgeMs: 0 })),
    );
    const refusal = answers.find(
      (answer): answer is PromiseRejectedResult =>
        answer.status === 'rejected' &&
        answer.reason instanceof ApiError &&
        ['budget-exhausted', 'unauthorized'].includes(answer.reason.kind),
    );
    if (refusal) return pause((refusal.reason as ApiError).kind === 'unauthorized' ? PAUSED_WORDS.signedOut : PAUSED_WORDS.budget);
    const details = new Map<string, JobDetail | null>();
    answers.forEach((answer, index) => {
      if (answer.status === 'fulfilled') details.set((jobs[index] as { id: string }).id, answer.value);
    });
    // Proposal counts come only with search answers Loupe already has (the job detail has none).
    const proposals = new Map(
      await Promise.all(jobs.map(async (job) => [job.id, (await service.knownJob(job.id))?.totalApplicants ?? null] as const)),
    );

    const at = now();
    const news = await store.update((current) => {
      const found: { id: string; title: string; events: WatchEvent[] }[] = [];
      for (const job of current.jobs) {
        if (job.stopped !== null || !details.has(job.id)) continue;
        const detail = details.get(job.id) ?? null;
        const { events, snapshot } = detectChanges(job.seen, detail, proposals.get(job.id) ?? null, current.proposalThreshold, at);
        job.seen = snapshot;
        job.lastCheckAt = at;
        if (detail?.title) job.title = detail.title.slice(0, 200);
        if (events.some((event) => event.kind === 'hired')) job.stopped = 'hired';
        else if (events.some((event) => event.kind === 'closed')) job.stopped = 'closed';
        // A finished watch keeps its history (what Loupe told the user) but not Upwork's numbers (24-hour term).
        if (job.stopped !== null) job.seen = null;
        job.history = [...events.reverse(), ...job.history].slice(0, HISTORY_MAX);
        if (events.length > 0) found.push({ id: job.id, title: job.title, events });
      }
      current.paused = null;
      return found;
    });
    for (const item of news) await notify(item.id, item.title, item.events);
    await syncAlarm();
    return { checked: details.size, events: news.reduce((sum, item) => sum + item.events.length, 0), paused: null };
  }

  function checkAll(): Promise<RoundResult> {
    // An alarm and "check now" arriving together share one round.
    round ??= runRound().finally(() => {
      round = null;
    });
    return round;
  }

  return {
    async view() {
      const state = await store.read();
      const { minutes, why, requestsPerDay } = await interval(active(state).length);
      let paused = state.paused;
      if (!(await deps.tokens.getAccountKey())) paused = PAUSED_WORDS.signedOut;
      return {
        jobs: state.jobs,
        proposalThreshold: state.proposalThreshold,
        intervalMinutes: minutes,
        intervalWhy: `${why} ${FORMULA_WORDS}`.slice(0, 500),
        requestsPerDay,
        paused,
      };
    },

    async which(ids) {
      const watched = new Set(active(await store.read()).map((job) => job.id));
      return ids.filter((id) => watched.has(id));
    },

    async add(id, title) {
      await store.update((state) => {
        const existing = state.jobs.find((job) => job.id === id);
        if (existing) {
          existing.stopped = null; // starring again means "watch it again"
          return;
        }
        if (state.jobs.length >= WATCHLIST_MAX) {
          const oldestStopped = state.jobs.findLastIndex((job) => job.stopped !== null);
          if (oldestStopped < 0)
            throw new LoupeError('bad-message', `Loupe watches at most ${WATCHLIST_MAX} jobs. Remove one in Loupe’s options first.`);
          state.jobs.splice(oldestStopped, 1);
        }
        state.jobs.unshift({ id, title: title || `Job ${id}`, addedAt: now(), lastCheckAt: null, seen: null, stopped: null, history: [] });
      });
      await syncAlarm();
    },

    async remove(id) {
      await store.update((state) => {
        state.jobs = state.jobs.filter((job) => job.id !== id);
      });
      await syncAlarm();
    },

    async setThreshold(threshold) {
      await store.update((state) => {
        state.proposalThreshold = threshold;
      });
    },

    checkAll,

    async onAlarm(alarm) {
      return alarm.name === ALARM_NAME ? checkAll() : null;
    },

    async onNotificationClicked(notificationId) {
      if (!notificationId.startsWith(NOTIFICATION_PREFIX)) return;
      const id = /^(\d{1,30})-/.exec(notificationId.slice(NOTIFICATION_PREFIX.length))?.[1];
      await browser.notifications.clear(notificationId).catch(() => false);
      if (id) await browser.tabs.create({ url: jobUrl(id) });
    },

    syncAlarm,
  };
}
