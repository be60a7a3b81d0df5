import { formatExactMoney } from '../helpers/format';
import type { ClientStats, JobSummary } from '../upwork/model';

/**
 * How Loupe recognises "the same client" for blocking and client notes.
 *
 * Upwork hides client names, and a fingerprint of visible stats (country, city, time zone, jobs
 * posted, spend) is not an identity: many clients share a city, and the counts change exactly
 * when a blocked client posts again, so a fingerprint would both hide strangers and miss the
 * client. Hiding the wrong client's jobs is worse than not hiding, so:
 * - a client is identified only by the API's own id, the job's `clientCompanyPublic.id` (asked for
 *   on every search node; `client.companyOrgUid` comes back null on the live API and is never
 *   selected), carried as the optional `client.companyUid` of Loupe's model;
 * - when a job has no id (Upwork left it out), client actions (block, client note) are not
 *   offered for it; job notes still work, keyed by the job's numeric id.
 */
export type ClientWithId = ClientStats;

export function clientIdOf(job: Pick<JobSummary, 'client'>): string | null {
  const id = job.client.companyUid;
  return typeof id === 'string' && id.trim() !== '' ? id.trim() : null;
}

/** A few words that let the user recognise a client later, in the block list or the notes list. */
export function describeClient(client: ClientStats): string {
  const place = [client.city, client.country].filter((part): part is string => !!part).join(', ');
  const parts = [place === '' ? 'Client' : `Client in ${place}`];
  if (client.totalSpent !== null) parts.push(`${formatExactMoney(client.totalSpent, client.currency)} spent`);
  parts.push(`${client.totalPostedJobs} ${client.totalPostedJobs === 1 ? 'job' : 'jobs'} posted`);
  return parts.join(' · ');
}
