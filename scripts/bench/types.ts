import type { TokenSource } from '../../lib/upwork/api/token-source';
import type { Sandbox } from '../../sandbox/server';

/**
 * One line of the bench table. Leave a field null where it does not apply (a warm cache has no
 * floor); `goals` says which cells carry a goal, printed beside the measurement.
 */
export interface BenchRow {
  scenario: string;
  lookups: number;
  /** Lookups that ended in an error (a 429 the naive way, say). */
  failed: number;
  /** GraphQL requests sent (from the sandbox's request log). */
  requests: number;
  timeMs: number;
  /** The least time Upwork's send window allows for these lookups; null when no request is needed. */
  floorMs: number | null;
  /** The rate the share is measured against (requests per second). */
  limitPerSecond: number | null;
  /** Requests per second between the first and the last request (0 when not measured). */
  sustainedPerSecond: number;
  /** Most GraphQL requests in any 1,000 ms window (Upwork refuses the 11th). */
  maxPerSecond: number;
  /** HTTP 429 answers the sandbox gave. */
  status429: number;
  goals: {
    timeOverFloor?: number;
    shareOfLimit?: number;
    zero429?: boolean;
    lookupsPerRequest?: number;
    requests?: number;
    timeMs?: number;
    /** Most requests in any 1,000 ms, at most. */
    maxPerSecond?: number;
  };
}

/** What every scenario gets: the running sandbox (rate limit on) and a signed-in token source. */
export interface BenchContext {
  sandbox: Sandbox;
  tokens: TokenSource;
  accountKey: string;
  /** Job ids that exist in the sandbox, more than any scenario needs. */
  jobIds: string[];
  /** Shared between scenarios that build on each other (the warm repeat reuses the cold run's cache). */
  shared: Map<string, unknown>;
  /** Run when the bench ends, whatever happened (e.g. removing the shared build's folder). */
  atEnd: (() => void)[];
}

/**
 * A bench scenario. Add one to the list in scripts/bench.ts; scenarios run in order, one at a
 * time, and each returns its rows (e.g. "annotate 50 tiles, cold" and "…, warm").
 */
export interface BenchScenario {
  name: string;
  /** Footnotes under the table that explain this scenario's numbers. */
  notes?: string[];
  run(context: BenchContext): Promise<BenchRow[]>;
}
