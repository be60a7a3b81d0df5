import { formatMoney, formatRate } from '../helpers/format';
import type { JobSummary } from '../upwork/model';

/**
 * What notifications say. Notifications render plain text, but titles come from Upwork and the
 * search name from a page: control characters are stripped and every part is capped, so a hostile
 * or broken title cannot push the useful part out of view or smuggle line tricks in.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to match them
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/g;

export function plainText(text: string, max: number): string {
  const clean = text
    .replace(CONTROL, '')
    .replace(/[\t\n\r]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

export const TITLE_MAX = 90;
export const MESSAGE_MAX = 200;
/** More new jobs than this from one check become one grouped notification. */
export const GROUP_ABOVE = 3;

export function budgetText(job: JobSummary): string {
  if (job.jobType === 'FIXED')
    return job.fixedBudget && job.fixedBudget > 0 ? `Fixed price ${formatMoney(job.fixedBudget, job.currency)}` : 'Fixed price';
  const { hourlyMin: min, hourlyMax: max } = job;
  if (min !== null && max !== null && max !== min)
    return `Hourly ${formatRate(min, job.currency).replace('/hr', '')}–${formatRate(max, job.currency)}`;
  if (min !== null || max !== null) return `Hourly ${formatRate((min ?? max) as number, job.currency)}`;
  return 'Hourly';
}

export function spendText(job: JobSummary): string {
  const { client } = job;
  if (client.totalSpent !== null) return `client spent ${formatMoney(client.totalSpent, client.currency)}`;
  return client.hasFinancialPrivacy ? 'client keeps spend private' : 'client spend unknown';
}

export interface NotificationText {
  title: string;
  message: string;
  contextMessage: string;
}

export function jobNotification(job: JobSummary, searchName: string): NotificationText {
  return {
    title: plainText(job.title, TITLE_MAX) || 'New job',
    message: plainText(`${budgetText(job)} · ${spendText(job)}`, MESSAGE_MAX),
    contextMessage: plainText(`Loupe alert: ${searchName}`, 80),
  };
}

export function groupNotification(jobs: readonly JobSummary[], searchName: string): NotificationText {
  const name = plainText(searchName, 40);
  const titles = jobs.slice(0, 3).map((job) => `• ${plainText(job.title, 60)}`);
  const more = jobs.length > 3 ? [`and ${jobs.length - 3} more`] : [];
  return {
    title: `${jobs.length} new jobs for “${name}”`,
    message: plainText(titles.concat(more).join(' '), MESSAGE_MAX),
    contextMessage: 'Loupe alert: click to see them on Upwork',
  };
}

/** Badge text: empty when nothing is unread, "99+" past two digits' worth. */
export function badgeText(unread: number): string {
  if (unread <= 0) return '';
  return unread > 99 ? '99+' : String(unread);
}
