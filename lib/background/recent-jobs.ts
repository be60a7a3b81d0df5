import { addRecentJobs, markRecentOpened } from '../power/backtest';
import type { RecentJobs } from '../settings/schema';
import { recentJobsDoc } from '../settings/store';
import type { JobSummary } from '../upwork/model';

/**
 * The worker is the recent jobs' one writer (for the rules backtest); its writes run one at a
 * time, so a list's sample and a job opened at the same moment both land.
 */
let chain: Promise<void> = Promise.resolve();

function update(change: (current: RecentJobs) => RecentJobs): Promise<void> {
  const next = chain.then(() => recentJobsDoc.update(change));
  chain = next.catch((error: unknown) => console.warn('[loupe] could not keep recent jobs for the rules backtest', error));
  return next;
}

/** The jobs a list showed the user. */
export const recordListJobs = (jobs: readonly JobSummary[], now: number) => update((recent) => addRecentJobs(recent, jobs, now));

/** A job whose page or slider the user opened (asked for its detail). */
export const recordOpenedJob = (jobId: string) => update((recent) => markRecentOpened(recent, jobId));
