import { performance } from 'node:perf_hooks';
import { createStore } from 'idb-keyval';
import { createApiService } from '../../lib/background/api-service';
import { createResponseCache } from '../../lib/background/cache';
import { createRequestQueue, memoryQueueStorage } from '../../lib/background/queue';
import { watchInterval } from '../../lib/background/watchlist/schedule';
import { createGraphQLClient } from '../../lib/upwork/api/client';
import { UPWORK_LIMITS } from '../../lib/upwork/endpoints';
import { fetchFor } from '../../testkit/sandbox-auth';
import { UPWORK_RATE_LIMIT } from './context';
import { graphqlSince, maxInWindow, sleep } from './measure';
import type { BenchScenario } from './types';

const WATCHED = 50;
const notes: string[] = [];

/**
 * One watchlist check round over 50 watched jobs, as the watchlist sends it (job detail, background
 * priority, never from the cache), through the worker's real parts; its daily cost is that round
 * times the rounds a day the interval rule allows with a full budget, printed beside the budget.
 */
export const watchlistScenario: BenchScenario = {
  name: `(W) watchlist: one check of ${WATCHED} watched jobs`,
  notes,
  async run(context) {
    const service = createApiService({
      client: createGraphQLClient({ fetch: fetchFor(context.sandbox), tokens: context.tokens }),
      queue: createRequestQueue({ accountKey: context.accountKey, storage: memoryQueueStorage() }),
      cache: createResponseCache({ store: createStore('loupe-bench-watchlist', 'entries') }),
      tokens: context.tokens,
    });
    const ids = context.jobIds.slice(-WATCHED);
    // A fresh throttle knows nothing of the scenario before it, whose requests still fill the sandbox's
    // 1-second window: a worker would know (its throttle state persists), the bench waits it out.
    await sleep(1_100);
    const since = Date.now();
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      ids.map((id) => service.jobDetail(id, { priority: 'background', requestedBy: 'watchlist', maxAgeMs: 0 })),
    );
    const timeMs = performance.now() - started;
    const log = graphqlSince(context.sandbox, since);
    const interval = watchInterval(WATCHED, UPWORK_LIMITS.requestsPerDay);
    const perDay = Math.ceil((24 * 60) / interval.minutes) * log.length;
    notes.push(
      `(W) watchlist: ${WATCHED} watched jobs cost ${log.length} requests per check (measured); checked every ${interval.minutes} min that is ${perDay.toLocaleString('en-US')} requests a day of the ${UPWORK_LIMITS.requestsPerDay.toLocaleString('en-US')} budget (${((perDay / UPWORK_LIMITS.requestsPerDay) * 100).toFixed(2)}%).`,
    );
    return [
      {
        scenario: watchlistScenario.name,
        lookups: WATCHED,
        failed: outcomes.filter((outcome) => outcome.status === 'rejected').length,
        requests: log.length,
        timeMs,
        floorMs: null,
        limitPerSecond: UPWORK_RATE_LIMIT,
        sustainedPerSecond: 0,
        maxPerSecond: maxInWindow(log),
        status429: log.filter((entry) => entry.status === 429).length,
        goals: { requests: interval.requestsPerRound, zero429: true },
      },
    ];
  },
};
