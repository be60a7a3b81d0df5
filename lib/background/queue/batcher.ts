/**
 * Coalescing: the key at the head of the line takes the ready keys of its own kind along, in line
 * order, up to the kind's batch size, so they go out as ONE request (GraphQL aliases) for one slot
 * of the throttle.
 */

/**
 * How long a batchable key that is ready waits for company. The throttle no longer starts empty,
 * so without this the first of a page's lookups (which reach the queue a few milliseconds apart,
 * each after its own cache read) would leave alone and spend a slot on one key.
 */
export const GATHER_MS = 10;

export function pickBatch<T extends { kind: string }>(head: T, ready: readonly T[], maxBatch: number): T[] {
  const mates = ready.filter((entry) => entry !== head && entry.kind === head.kind);
  return [head, ...mates].slice(0, Math.max(1, maxBatch));
}

/** Milliseconds the head should still wait for mates: none once its batch is full or it has waited GATHER_MS. */
export function gatherWaitMs(readyAt: number, batchSize: number, maxBatch: number, now: number): number {
  if (maxBatch <= 1 || batchSize >= maxBatch) return 0;
  return Math.max(0, readyAt + GATHER_MS - now);
}
