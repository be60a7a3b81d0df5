import { SEEN_MAX } from '../settings/limits';
import type { SeenJobs } from '../settings/schema';

/** Jobs the user has already seen: a bounded, oldest-first list of `[jobId, seenAt]`. */

const indexes = new WeakMap<SeenJobs, Map<string, number>>();

/** Each seen job's first sighting, by id (built once per list). */
export function seenIndex(seen: SeenJobs): Map<string, number> {
  let index = indexes.get(seen);
  if (!index) {
    index = new Map(seen);
    indexes.set(seen, index);
  }
  return index;
}

/**
 * Adds the ids not seen before (keeping the first sighting's time) and drops the oldest past `max`.
 * Returns the same array when nothing is new, so callers can skip the write.
 */
export function markSeen(seen: SeenJobs, jobIds: readonly string[], now: number, max = SEEN_MAX): SeenJobs {
  const index = seenIndex(seen);
  const fresh = [...new Set(jobIds)].filter((id) => !index.has(id));
  if (fresh.length === 0 && seen.length <= max) return seen;
  const next: SeenJobs = [...seen, ...fresh.map((id): [string, number] => [id, Math.floor(now)])];
  return next.length > max ? next.slice(next.length - max) : next;
}
