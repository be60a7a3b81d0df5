import { formatCount, formatExactMoney, formatPercent, formatRating, plural } from '../helpers/format';
import { formatClock, formatOffset, resolveOffsetMinutes } from '../helpers/time';
import type { ClientStats, JobDetail, JobSummary } from '../upwork/model';

/**
 * A client's stats as display rows, shared by the job tiles on upwork.com and the popup's alert
 * feed. Values are display text, always rendered as text.
 */

export interface CardRow {
  /** Stable key, also written as `data-loupe-stat` for tests. */
  key: string;
  label: string;
  value: string;
  /** Longer explanation for a tooltip and screen readers. */
  title?: string;
  tone?: 'good' | 'warn' | 'muted';
}

/** The compact rows for a tile, in reading order. Values are display text (rendered as text). */
export function clientStatRows(job: JobSummary, now: Date): CardRow[] {
  const client = job.client;
  const rows: CardRow[] = [];
  rows.push(
    client.paymentVerified
      ? { key: 'payment', label: '', value: '✓ Payment verified', tone: 'good' }
      : { key: 'payment', label: '', value: 'Payment not verified', tone: 'warn' },
  );
  rows.push(
    client.rating !== null && client.totalReviews > 0
      ? {
          key: 'rating',
          label: '★',
          value: `${formatRating(client.rating)} (${plural(client.totalReviews, 'review')})`,
          title: `Average feedback ${formatRating(client.rating)} of 5 from ${plural(client.totalReviews, 'review')}`,
          tone: client.rating < 4 ? 'warn' : undefined,
        }
      : { key: 'rating', label: '★', value: 'No reviews yet', tone: 'muted' },
  );
  const spent = spentRow(client);
  if (spent) rows.push(spent);
  rows.push({ key: 'hires', label: 'Hires', value: formatCount(client.totalHires) });
  const ratio = hiresRow(client);
  if (ratio) rows.push(ratio);
  rows.push({ key: 'jobsPosted', label: 'Jobs posted', value: formatCount(client.totalPostedJobs) });
  rows.push(...whereRows(client.city, client.country, resolveOffsetMinutes(client.timezone, client.utcOffsetMinutes, now), now));
  if (job.totalApplicants !== null) rows.push({ key: 'proposals', label: 'Proposals', value: formatCount(job.totalApplicants) });
  return rows;
}

/** What is left to show when the API has no client stats for a job: its detail's client basics. */
export function partialClientRows(basics: JobDetail['client'], now: Date): CardRow[] {
  const rows: CardRow[] = [];
  if (basics.paymentVerified !== null) {
    rows.push(
      basics.paymentVerified
        ? { key: 'payment', label: '', value: '✓ Payment verified', tone: 'good' }
        : { key: 'payment', label: '', value: 'Payment not verified', tone: 'warn' },
    );
  }
  rows.push(...whereRows(basics.city, basics.country, resolveOffsetMinutes(basics.timezone, null, now), now));
  return rows;
}

/** The client's city and country, then their local time when Loupe knows their offset from UTC. */
function whereRows(city: string | null, country: string | null, offset: number | null, now: Date): CardRow[] {
  const rows: CardRow[] = [];
  const place = [city, country].filter(Boolean).join(', ');
  if (place) rows.push({ key: 'location', label: '', value: place });
  if (offset !== null) {
    rows.push({
      key: 'localTime',
      label: 'Local time',
      value: formatClock(now, offset),
      title: `The client's time now (${formatOffset(offset)})`,
    });
  }
  return rows;
}

/**
 * Hires ÷ jobs posted. The API counts freelancers hired, not jobs with a hire, so a client who
 * hires several people per job passes 100 %: that is no rate, and is shown as hires per job.
 */
export function hiresRow(client: Pick<ClientStats, 'totalHires' | 'totalPostedJobs'>): CardRow | null {
  if (client.totalPostedJobs <= 0) return null;
  const ratio = client.totalHires / client.totalPostedJobs;
  const title = `${plural(client.totalHires, 'hire')} from ${plural(client.totalPostedJobs, 'job')} posted`;
  if (ratio <= 1) return { key: 'hireRate', label: 'Hire rate', value: formatPercent(ratio), title };
  return { key: 'hiresPerJob', label: '', value: `${ratio.toFixed(2).replace(/\.?0+$/, '')} hires per job`, title };
}

function spentRow(client: ClientStats): CardRow | null {
  if (client.totalSpent !== null) {
    // To the dollar: Upwork's own tile rounds it ("$10K+ spent").
    return { key: 'spent', label: 'Spent', value: formatExactMoney(Math.round(client.totalSpent), client.currency) };
  }
  if (client.hasFinancialPrivacy) return { key: 'spent', label: 'Spent', value: 'hidden by the client', tone: 'muted' };
  return null;
}
