import type { JobSummary } from '../../upwork/model';

/**
 * Which jobs in a check's results are new for a saved search.
 *
 * A job is new when this search has not seen it before AND it was not published before the search
 * was created (allowing a minute of clock difference between Upwork and this computer). So:
 * - the first check does not alert about the backlog of older jobs that already matched, yet a job
 *   posted between saving the search and its first check (up to one interval later) still alerts;
 * - an older job that reappears in the results (a newer one was withdrawn) does not alert;
 * - a job with no publish time counts as new only once it is unseen, like any other.
 * Every id in the results joins the seen-set (bounded: the oldest are forgotten first).
 */

export const SEEN_PER_SEARCH = 500;
export const CLOCK_SKEW_MS = 60_000;

export interface Detection {
  fresh: JobSummary[];
  /** The seen-set after this check, oldest first. */
  seen: string[];
}

function publishedAtMs(job: JobSummary): number | null {
  if (!job.publishedAt) return null;
  const at = Date.parse(job.publishedAt);
  return Number.isFinite(at) ? at : null;
}

export function detectNew(jobs: readonly JobSummary[], seen: readonly string[], createdAt: number, max = SEEN_PER_SEARCH): Detection {
  const known = new Set(seen);
  const fresh: JobSummary[] = [];
  const added: string[] = [];
  for (const job of jobs) {
    if (known.has(job.id)) continue;
    known.add(job.id);
    added.push(job.id);
    const published = publishedAtMs(job);
    if (published !== null && published < createdAt - CLOCK_SKEW_MS) continue;
    fresh.push(job);
  }
  // Results come newest first; store oldest first so trimming drops the oldest.
  const next = [...seen, ...added.reverse()];
  return { fresh, seen: next.length > max ? next.slice(next.length - max) : next };
}
