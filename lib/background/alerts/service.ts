import { browser } from 'wxt/browser';
import { type AlertsState, type AlertsStore, createAlertsStore, feedCopy, GROUPS_MAX, NOTIFIED_MAX, unreadCount } from '../../alerts/store';
import { GROUP_ABOVE, groupNotification, jobNotification, type NotificationText } from '../../alerts/text';
import { messageOf } from '../../helpers/format';
import { type AlertPause, type AlertsList, FEED_MAX, type PollOutcome, type SearchStatus } from '../../messaging/messages/alerts';
import { isBlocked } from '../../power/blocklist';
import { clientIdOf } from '../../power/client-key';
import { evaluateRules } from '../../power/rules';
import type { BlockList, RulesSettings, SavedSearch } from '../../settings/schema';
import { blockListDoc, settingsDoc } from '../../settings/store';
import { ApiError } from '../../upwork/api/errors';
import type { TokenSource } from '../../upwork/api/token-source';
import type { JobSummary } from '../../upwork/model';
import { jobUrl, searchUrl, upworkAddressOrNull } from '../../upwork/site/urls';
import type { ApiService } from '../api-service';
import { clearNotifications, showBadge, showNotification } from '../notices';
import { detectNew } from './detect';
import { apiFilterFor, emptyStatus, viewOf } from './filters';
import { alarmName, backoffDelayMs, isDue, searchIdOfAlarm, syncSearchAlarms } from './schedule';
import { createSearchEdits, readSearches, type SearchEdits } from './searches';

/**
 * Job alerts. Each enabled saved search has an alarm; when it fires, one search goes to
 * Upwork's API through the request queue at 'background' priority (so it waits behind anything the
 * user is looking at, and stops at 95% of the daily budget), newest first. New jobs that pass the
 * block list (and the user's rules, unless the search opts out) land in the feed, get a
 * notification (grouped when many arrive, none when the search is muted) and raise the badge.
 *
 * Nothing here refreshes or pages upwork.com: a notification click opens a tab because the user asked.
 * Editing the saved searches is searches.ts's; their alarms, schedule.ts's; notices, ../notices.ts.
 */

const JOB_NOTIFICATION_PREFIX = 'loupe-job-';
const GROUP_NOTIFICATION_PREFIX = 'loupe-group-';

export const PAUSE_WORDS = {
  'signed-out': 'Job alerts are paused because Loupe is not signed in to Upwork. They start again by themselves after you sign in.',
  budget:
    'Job alerts are paused: Loupe has used 95% of today’s Upwork requests for this API key. They start again by themselves after midnight UTC; pages you look at still get data.',
} as const;

export type CheckTrigger = 'alarm' | 'manual';

export interface AlertsDeps {
  /** The worker's ApiService (built on first use). */
  service: () => Pick<ApiService, 'searchJobs' | 'status'>;
  tokens: Pick<TokenSource, 'getAccountKey'>;
  store?: AlertsStore;
  now?: () => number;
  random?: () => number;
}

export interface Alerts extends SearchEdits {
  list(): Promise<AlertsList>;
  /** Marks jobs read (all when no ids); returns how many stay unread. */
  markRead(jobIds?: readonly string[]): Promise<number>;
  /** One check of one search: what an alarm runs, and what "check now" runs (which ignores backoff). */
  check(id: string, trigger: CheckTrigger): Promise<PollOutcome>;
  /** "Check now" for every enabled search, one after another. */
  checkAll(): Promise<PollOutcome[]>;
  /** The alarms listener: checks the search an 'alert:<id>' alarm belongs to; null for other alarms. */
  onAlarm(alarm: { name: string }): Promise<PollOutcome | null>;
  onNotificationClicked(notificationId: string): Promise<void>;
  /** Makes the alarms match the saved searches (one per enabled search, at its interval). */
  syncAlarms(): Promise<void>;
  refreshBadge(): Promise<void>;
}

interface UserLists {
  rules: RulesSettings;
  blockList: BlockList;
}

/** The block list always applies; the other rules only when the search says so. A rule that hides means no alert. */
export function isLeftOut(job: JobSummary, search: SavedSearch, lists: UserLists): boolean {
  const clientId = clientIdOf(job);
  if (clientId !== null && isBlocked(lists.blockList, clientId)) return true;
  return search.filters.applyRules && evaluateRules(job, lists.rules, { blockList: lists.blockList }).action === 'hide';
}

function outcome(searchId: string, kind: PollOutcome['outcome'], newJobs = 0, message: string | null = null): PollOutcome {
  return { searchId, outcome: kind, newJobs, message };
}

export function createAlerts(deps: AlertsDeps): Alerts {
  const store = deps.store ?? createAlertsStore();
  const now = deps.now ?? Date.now;
  const running = new Map<string, Promise<PollOutcome>>();
  let syncing: Promise<void> = Promise.resolve();
  const edits = createSearchEdits({ store, now, random: deps.random, syncAlarms, statusOf });

  async function statusOf(id: string): Promise<SearchStatus> {
    return (await store.read()).status[id] ?? emptyStatus();
  }

  // ---- pauses ------------------------------------------------------------------------------

  function recordPause(state: AlertsState, searchId: string, reason: AlertPause['reason'], at: number): string {
    const message = PAUSE_WORDS[reason];
    state.paused = state.paused?.reason === reason ? state.paused : { reason, message, since: at };
    state.status[searchId] = { ...(state.status[searchId] ?? emptyStatus()), skipped: message };
    return message;
  }

  async function pause(searchId: string, reason: AlertPause['reason']): Promise<PollOutcome> {
    const message = await store.update((state) => recordPause(state, searchId, reason, now()));
    return outcome(searchId, 'paused', 0, message);
  }

  /** What the popup shows: signed-out is checked live; the budget from the queue, or from the last check. */
  async function currentPause(recorded: AlertPause | null): Promise<AlertPause | null> {
    const at = now();
    if (!(await deps.tokens.getAccountKey())) {
      return recorded?.reason === 'signed-out' ? recorded : { reason: 'signed-out', message: PAUSE_WORDS['signed-out'], since: at };
    }
    let overBudget = false;
    try {
      overBudget = (await deps.service().status()).queue?.backgroundPaused ?? false;
    } catch {
      // The status line is a nicety; fall back to what the last check found.
    }
    if (overBudget) return recorded?.reason === 'budget' ? recorded : { reason: 'budget', message: PAUSE_WORDS.budget, since: at };
    return recorded?.reason === 'budget' ? recorded : null;
  }

  // ---- checks ------------------------------------------------------------------------------

  async function runCheck(id: string, trigger: CheckTrigger): Promise<PollOutcome> {
    const search = (await readSearches()).find((candidate) => candidate.id === id);
    if (!search?.enabled) {
      if (trigger === 'alarm') await browser.alarms.clear(alarmName(id));
      return outcome(id, 'disabled', 0, search ? 'This saved search is switched off.' : 'This saved search no longer exists.');
    }
    if (!(await deps.tokens.getAccountKey())) return pause(id, 'signed-out');
    const status = await statusOf(id);
    if (trigger === 'alarm' && !isDue(status.retryAt, now())) {
      return outcome(id, 'backing-off', 0, status.lastError);
    }

    let jobs: JobSummary[];
    try {
      const result = await deps.service().searchJobs(apiFilterFor(search), {
        priority: 'background',
        sort: 'RECENCY',
        maxAgeMs: 0,
        requestedBy: 'alert',
      });
      jobs = result.jobs;
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'budget-exhausted') return pause(id, 'budget');
      if (error instanceof ApiError && error.kind === 'unauthorized') return pause(id, 'signed-out');
      const message = messageOf(error);
      const at = now();
      const failed = await store.update((state) => {
        const previous = state.status[id] ?? emptyStatus();
        const failures = previous.failures + 1;
        const delay = backoffDelayMs(failures, search.intervalMinutes);
        const next: SearchStatus = { ...previous, failures, lastError: message, retryAt: delay > 0 ? at + delay : null, skipped: null };
        state.status[id] = next;
        return next;
      });
      const retry = failed.retryAt ? ` Loupe tries again after ${new Date(failed.retryAt).toISOString().slice(11, 16)} UTC.` : '';
      return outcome(id, 'failed', 0, `${message}${retry}`.slice(0, 1_000));
    }

    const [settings, blockList] = await Promise.all([settingsDoc.get(), blockListDoc.get()]);
    const lists: UserLists = { rules: settings.rules, blockList };
    const at = now();
    const plan = await store.update((state, seen) => {
      const detection = detectNew(jobs, seen.bySearch[id] ?? [], search.createdAt);
      seen.bySearch[id] = detection.seen;
      const inFeed = new Set(state.feed.map((entry) => entry.jobId));
      const notified = new Set(seen.notified);
      const wanted = detection.fresh.filter((job) => !inFeed.has(job.id) && !isLeftOut(job, search, lists));
      state.feed = [
        ...wanted.map((job) => ({ jobId: job.id, searchId: id, searchName: search.name, foundAt: at, read: false, job: feedCopy(job) })),
        ...state.feed,
      ].slice(0, FEED_MAX);
      state.status[id] = { lastCheckAt: at, lastNewCount: wanted.length, failures: 0, lastError: null, retryAt: null, skipped: null };
      state.paused = null; // this check went through: neither sign-in nor the budget is in the way

      const toNotify = search.muted ? [] : wanted.filter((job) => !notified.has(job.id));
      seen.notified = [...seen.notified, ...toNotify.map((job) => job.id)].slice(-NOTIFIED_MAX);
      let group: { id: string; text: NotificationText } | null = null;
      if (toNotify.length > GROUP_ABOVE) {
        const groupId = `${GROUP_NOTIFICATION_PREFIX}${id}-${at}`;
        seen.groups[groupId] = { jobIds: toNotify.map((job) => job.id), url: searchUrl(search.query), at };
        const oldest = Object.entries(seen.groups).sort(([, a], [, b]) => b.at - a.at);
        seen.groups = Object.fromEntries(oldest.slice(0, GROUPS_MAX));
        group = { id: groupId, text: groupNotification(toNotify, search.name) };
      }
      return { count: wanted.length, toNotify, group, unread: unreadCount(state) };
    });

    if (plan.group) await showNotification(plan.group.id, plan.group.text);
    else for (const job of plan.toNotify) await showNotification(`${JOB_NOTIFICATION_PREFIX}${job.id}`, jobNotification(job, search.name));
    await showBadge(plan.unread);
    return outcome(id, 'checked', plan.count);
  }

  /** One check per search at a time: an alarm and "check now" arriving together share one search. */
  function check(id: string, trigger: CheckTrigger): Promise<PollOutcome> {
    const current = running.get(id);
    if (current) return current;
    const run = runCheck(id, trigger).finally(() => running.delete(id));
    running.set(id, run);
    return run;
  }

  // ---- alarms ------------------------------------------------------------------------------

  function syncAlarms(): Promise<void> {
    const run = syncing.then(async () => syncSearchAlarms(await readSearches()));
    syncing = run.catch((error: unknown) => console.warn('Loupe could not set up job alert alarms:', error));
    return run;
  }

  async function markRead(jobIds?: readonly string[]): Promise<number> {
    const wanted = jobIds ? new Set(jobIds) : null;
    const { unread, cleared } = await store.update((state) => {
      const cleared: string[] = [];
      for (const entry of state.feed) {
        if (entry.read || (wanted && !wanted.has(entry.jobId))) continue;
        entry.read = true;
        cleared.push(`${JOB_NOTIFICATION_PREFIX}${entry.jobId}`);
      }
      return { unread: unreadCount(state), cleared };
    });
    await clearNotifications(cleared);
    await showBadge(unread);
    return unread;
  }

  return {
    async list() {
      const [state, searches] = await Promise.all([store.read(), readSearches()]);
      return {
        searches: searches.map((search) => viewOf(search, state.status[search.id])),
        feed: state.feed,
        unread: unreadCount(state),
        paused: await currentPause(state.paused),
      };
    },

    ...edits,
    markRead,
    check,

    async checkAll() {
      const results: PollOutcome[] = [];
      for (const search of await readSearches()) if (search.enabled) results.push(await check(search.id, 'manual'));
      return results;
    },

    async onAlarm(alarm) {
      const id = searchIdOfAlarm(alarm.name);
      return id ? check(id, 'alarm') : null;
    },

    async onNotificationClicked(notificationId) {
      let url: string | null = null;
      let jobIds: string[] = [];
      if (notificationId.startsWith(JOB_NOTIFICATION_PREFIX)) {
        const jobId = notificationId.slice(JOB_NOTIFICATION_PREFIX.length);
        if (/^\d{1,30}$/.test(jobId)) {
          url = jobUrl(jobId);
          jobIds = [jobId];
        }
      } else if (notificationId.startsWith(GROUP_NOTIFICATION_PREFIX)) {
        const group = (await store.readSeen()).groups[notificationId];
        if (group) {
          url = upworkAddressOrNull(group.url);
          jobIds = group.jobIds;
        }
      } else {
        return; // not Loupe's
      }
      await browser.notifications.clear(notificationId).catch(() => false);
      if (url) await browser.tabs.create({ url });
      if (jobIds.length > 0) await markRead(jobIds);
    },

    syncAlarms,

    async refreshBadge() {
      await showBadge(unreadCount(await store.read()));
    },
  };
}
