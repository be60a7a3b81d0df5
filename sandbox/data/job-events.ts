import { z } from 'zod';
import type { Dataset } from './schema';

/**
 * What happens to a posted job after it is posted, for tests of Loupe's watchlist: the client
 * comes back, invites, interviews, hires, or closes the job. Times follow the sandbox's clock,
 * which a test may move forward.
 */

export const jobChangeSchema = z.strictObject({
  id: z.string().regex(/^\d{1,30}$/),
  /** The client was active just now (on the sandbox's clock). */
  clientActive: z.boolean().optional(),
  invitesSent: z.number().int().nonnegative().optional(),
  interviewing: z.number().int().nonnegative().optional(),
  hired: z.number().int().nonnegative().optional(),
  offered: z.number().int().nonnegative().optional(),
  totalApplicants: z.number().int().nonnegative().optional(),
  /** The job is closed: gone from the search, its pages and the API, as on Upwork. */
  closed: z.boolean().optional(),
});
export type JobChange = z.infer<typeof jobChangeSchema>;

/** Applies a change; false when no job has that id. `now` is the sandbox's clock. */
export function changeJob(dataset: Dataset, startedAt: number, now: number, change: JobChange): boolean {
  const index = dataset.jobs.findIndex((job) => job.id === change.id);
  const job = dataset.jobs[index];
  if (!job) return false;
  if (change.closed) {
    dataset.jobs.splice(index, 1);
    return true;
  }
  const { activity } = job;
  // Activity times are kept as minutes before the sandbox started: "now" is a negative number of them.
  if (change.clientActive) activity.lastClientActivityMinutesAgo = -(now - startedAt) / 60_000;
  if (change.invitesSent !== undefined) activity.invitesSent = change.invitesSent;
  if (change.interviewing !== undefined) activity.interviewing = change.interviewing;
  if (change.hired !== undefined) activity.hired = change.hired;
  if (change.offered !== undefined) activity.offered = change.offered;
  if (change.totalApplicants !== undefined) job.totalApplicants = change.totalApplicants;
  return true;
}
