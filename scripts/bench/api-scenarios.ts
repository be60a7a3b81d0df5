import { performance } from 'node:perf_hooks';
import { createStore } from 'idb-keyval';
import { type ApiService, createApiService } from '../../lib/background/api-service';
import { createResponseCache, type ResponseCache } from '../../lib/background/cache';
import { createRequestQueue, memoryQueueStorage, type RequestQueue } from '../../lib/background/queue';
import { DEFAULT_LIMITS } from '../../lib/settings/throttle';
import { createGraphQLClient } from '../../lib/upwork/api/client';
import { MAX_BATCH_SIZE } from '../../lib/upwork/api/operations';
import { createUpworkApi } from '../../lib/upwork/api/upwork-api';
import { UPWORK_RATE_LIMIT } from './context';
import { countingFetch, type SentRequest } from './counting-fetch';
import { floorMs, graphqlSince, maxInWindow, median, sleep, sustainedRate, withConcurrency } from './measure';
import type { BenchContext, BenchRow, BenchScenario } from './types';

/** The workload: job lookups asked for at once, as many tiles and detail panels would. */
export const LOOKUPS = 1_000;
/** Loupe's throttle defaults, or BENCH_RATE / BENCH_BURST to try other settings. */
const RATE = Number(process.env.BENCH_RATE ?? DEFAULT_LIMITS.ratePerSecond);
const BURST = Number(process.env.BENCH_BURST ?? DEFAULT_LIMITS.burst);
/** In-flight requests for the naive baseline. */
const NAIVE_CONCURRENCY = 50;

let stores = 0;

interface Stack {
  service: ApiService;
  queue: RequestQueue;
  cache: ResponseCache;
  /** Every GraphQL request this stack sent. */
  sent: SentRequest[];
}

/** The worker's real parts, in Node: queue, GraphQL client, IndexedDB cache (fake-indexeddb) and ApiService. */
function realStack(context: BenchContext): Stack {
  const queue = createRequestQueue({
    accountKey: context.accountKey,
    storage: memoryQueueStorage(),
    ratePerSecond: RATE,
    burst: BURST,
  });
  const cache = createResponseCache({ store: createStore(`loupe-bench-cache-${++stores}`, 'entries') });
  const { fetch, sent } = countingFetch(context.sandbox);
  const service = createApiService({
    client: createGraphQLClient({ fetch, tokens: context.tokens }),
    queue,
    cache,
    tokens: context.tokens,
  });
  return { service, queue, cache, sent };
}

/** Every lookup at once through the ApiService; a lookup fails when it rejects or comes back with another job. */
async function lookUpAll(context: BenchContext, stack: Stack, ids: string[]) {
  const since = Date.now();
  const sentBefore = stack.sent.length;
  const started = performance.now();
  const outcomes = await Promise.allSettled(ids.map((id) => stack.service.jobDetail(id)));
  const timeMs = performance.now() - started;
  await stack.queue.idle();
  const failed = outcomes.filter((outcome, index) => outcome.status === 'rejected' || outcome.value?.id !== ids[index]).length;
  const sent = stack.sent.slice(sentBefore);
  return { timeMs, failed, sent, log: graphqlSince(context.sandbox, since) };
}

const IDEAL_REQUESTS = Math.ceil(LOOKUPS / MAX_BATCH_SIZE);

/**
 * What the arrival guard (lib/background/queue/arrival-guard.ts) allows at best: Loupe cannot see
 * when a request reached Upwork, so a window's sends wait 1,000 ms after the answers of the one
 * before, and every window after the first costs the time its answers took on top of Upwork's floor.
 */
function guardedFloorNote(sent: SentRequest[], timeMs: number): string {
  const bySend = [...sent].sort((a, b) => a.at - b.at);
  const windows: number[] = [];
  for (let i = 0; i + UPWORK_RATE_LIMIT <= bySend.length; i += UPWORK_RATE_LIMIT) {
    const group = bySend.slice(i, i + UPWORK_RATE_LIMIT);
    windows.push(Math.max(...group.map((request) => request.answeredAt)) - Math.min(...group.map((request) => request.at)));
  }
  const answers = median(windows);
  const floor = floorMs(IDEAL_REQUESTS, UPWORK_RATE_LIMIT, 1000 + answers);
  return (
    `    A window's ten answers came back ${Math.round(answers)} ms after its first send (median; the sandbox answers in this ` +
    `thread), so the guard's floor is ${Math.ceil(IDEAL_REQUESTS / UPWORK_RATE_LIMIT) - 1} × (1,000 ms + that) = ${(floor / 1000).toFixed(2)} s; ` +
    `time ÷ that: ${(timeMs / floor).toFixed(2)}.`
  );
}

const coldNotes = [
  `(1) floor: N = ⌈${LOOKUPS} / ${MAX_BATCH_SIZE}⌉ = ${IDEAL_REQUESTS} requests in Upwork's window (10 in any 1,000 ms). A new throttle with`,
  '    nothing sent in the last second starts with the full burst of 10; Loupe then holds 10 per 10/rate s (never under 1,050 ms).',
  '    The sandbox runs in this Node process, so its work and the lookups share one thread. Upwork counts a request when it',
  '    arrives, which Loupe cannot see: its guard lets a window go only 1,000 ms after the answers of the one before.',
];

const cold: BenchScenario = {
  name: `(1) Loupe: ${LOOKUPS} lookups at once, cold cache`,
  notes: coldNotes,
  async run(context) {
    const stack = realStack(context);
    context.shared.set('api-stack', stack);
    const ids = context.jobIds.slice(0, LOOKUPS);
    const { timeMs, failed, sent, log } = await lookUpAll(context, stack, ids);
    coldNotes.push(guardedFloorNote(sent, timeMs));
    const row: BenchRow = {
      scenario: `(1) Loupe, cold (batches of ${MAX_BATCH_SIZE}, ${RATE}/s burst ${BURST})`,
      lookups: LOOKUPS,
      failed,
      requests: sent.length,
      timeMs,
      floorMs: floorMs(IDEAL_REQUESTS, UPWORK_RATE_LIMIT),
      limitPerSecond: UPWORK_RATE_LIMIT,
      sustainedPerSecond: sustainedRate(sent.map((request) => request.at)),
      maxPerSecond: maxInWindow(log),
      status429: sent.filter((request) => request.status === 429).length,
      goals: { timeOverFloor: 1.1, shareOfLimit: 0.9, zero429: true, lookupsPerRequest: 20, maxPerSecond: UPWORK_RATE_LIMIT },
    };
    return [row];
  },
};

/** Requests that cannot be batched: each search is its own request, so the throttle alone sets the pace. */
const SEARCHES = 150;

const sustained: BenchScenario = {
  name: `(4) Loupe: ${SEARCHES} searches at once (one request each)`,
  notes: [
    `(4) ${SEARCHES} different searches queued at once: nothing to batch, so this is the throttle's sustained rate against Upwork's`,
    "    window, as a share of Upwork's 10/s (not of Loupe's setting).",
  ],
  async run(context) {
    await sleep(1_100); // let the sandbox's 1-second window forget the previous scenario
    const stack = realStack(context);
    const since = Date.now();
    const started = performance.now();
    const outcomes = await Promise.allSettled(
      Array.from({ length: SEARCHES }, (_, offset) => stack.service.searchJobs({ pagination_eq: { first: 1, after: String(offset) } })),
    );
    const timeMs = performance.now() - started;
    await stack.queue.idle();
    const log = graphqlSince(context.sandbox, since);
    return [
      {
        scenario: `(4) Loupe, sustained (${RATE}/s burst ${BURST})`,
        lookups: SEARCHES,
        failed: outcomes.filter((outcome) => outcome.status === 'rejected').length,
        requests: stack.sent.length,
        timeMs,
        floorMs: floorMs(SEARCHES, UPWORK_RATE_LIMIT),
        limitPerSecond: UPWORK_RATE_LIMIT,
        sustainedPerSecond: sustainedRate(stack.sent.map((request) => request.at)),
        maxPerSecond: maxInWindow(log),
        status429: stack.sent.filter((request) => request.status === 429).length,
        goals: { shareOfLimit: 0.9, zero429: true, maxPerSecond: UPWORK_RATE_LIMIT },
      },
    ];
  },
};

const naive: BenchScenario = {
  name: `(2) naive: one request per lookup, no throttle`,
  notes: [
    `(2) the baseline: one request per lookup, ${NAIVE_CONCURRENCY} at a time, no throttle, no cache; every 429 is a failed lookup.`,
    `    Its floor is what Upwork's ${UPWORK_RATE_LIMIT}/s allows for ${LOOKUPS} requests; its share is of that limit.`,
  ],
  async run(context) {
    await sleep(1_100); // let the sandbox's 1-second window forget the previous scenario
    const { fetch, sent } = countingFetch(context.sandbox);
    const api = createUpworkApi(createGraphQLClient({ fetch, tokens: context.tokens }));
    const ids = context.jobIds.slice(0, LOOKUPS);
    let failed = 0;
    const since = Date.now();
    const started = performance.now();
    await withConcurrency(ids, NAIVE_CONCURRENCY, async (id) => {
      try {
        const result = (await api.jobDetails([id])).get(id);
        if (!result || result instanceof Error) failed++;
      } catch {
        failed++; // a 429 is a lookup the user does not get
      }
    });
    const timeMs = performance.now() - started;
    const log = graphqlSince(context.sandbox, since);
    return [
      {
        scenario: `(2) naive, no cache (1 per lookup, ${NAIVE_CONCURRENCY} in flight)`,
        lookups: LOOKUPS,
        failed,
        requests: sent.length,
        timeMs,
        floorMs: floorMs(LOOKUPS, UPWORK_RATE_LIMIT),
        limitPerSecond: UPWORK_RATE_LIMIT,
        sustainedPerSecond: sustainedRate(sent.map((request) => request.at)),
        maxPerSecond: maxInWindow(log),
        status429: sent.filter((request) => request.status === 429).length,
        goals: {},
      },
    ];
  },
};

const warm: BenchScenario = {
  name: `(3) Loupe: the same ${LOOKUPS} lookups, warm cache`,
  notes: ['(3) the cache is IndexedDB from fake-indexeddb (Node), flushed before the run, one read per lookup.'],
  async run(context) {
    const stack = context.shared.get('api-stack') as Stack | undefined;
    if (!stack) throw new Error('The warm run needs the cold run before it.');
    await stack.cache.flush(); // answers are read from IndexedDB, not from the write buffer
    const ids = context.jobIds.slice(0, LOOKUPS);
    const { timeMs, failed, sent, log } = await lookUpAll(context, stack, ids);
    return [
      {
        scenario: '(3) Loupe, warm cache (repeat of 1)',
        lookups: LOOKUPS,
        failed,
        requests: sent.length,
        timeMs,
        floorMs: null,
        limitPerSecond: null,
        sustainedPerSecond: 0,
        maxPerSecond: maxInWindow(log),
        status429: sent.filter((request) => request.status === 429).length,
        goals: { requests: 0, timeMs: 200, zero429: true },
      },
    ];
  },
};

/** The API scenarios, in the order the table lists them. */
export const apiScenarios: BenchScenario[] = [cold, naive, warm, sustained];
