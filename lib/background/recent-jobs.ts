import { addRecentJobs, markRecentOpened } from '../power/backtest';
import type { RecentJobs } from '../settings/schema';
import { recentJobsDoc } from '../settings/store';
import type { JobSummary } from '../upwork/model';
import { heldDoc } from './held-doc';

/**
 * The worker is the recent jobs' one writer (for the rules backtest): up to 500 jobs, held in its
 * memory (held-doc.ts), so a list's sample and a job opened at the same moment both land.
 */
export const recentJobs = heldDoc<RecentJobs>({
  name: 'the recent jobs',
  read: () => recentJobsDoc.get(),
  write: (value) => recentJobsDoc.write(value),
  empty: [],
});

/** The jobs a list showed the user. */
export const recordListJobs = async (jobs: readonly JobSummary[], now: number): Promise<void> => {
  await recentJobs.update((recent) => addRecentJobs(recent, jobs, now));
};

/** A job whose page or slider the user opened (asked for its detail). */
export const recordOpenedJob = async (jobId: string): Promise<void> => {
  await recentJobs.update((recent) => markRecentOpened(recent, jobId));
};
