import type { ClientRecord, JobRecord } from '../data/schema';

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const usdWhole = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const count = new Intl.NumberFormat('en-US');

export const money = (value: number) => usd.format(value);
export const wholeMoney = (value: number) => usdWhole.format(value);
export const number = (value: number) => count.format(value);

/** Upwork's short spend labels: "$850", "$12K+", "$1M+". */
export function shortSpend(value: number): string {
  if (value >= 1_000_000) return `$${Math.floor(value / 1_000_000)}M+`;
  if (value >= 1000) return `$${Math.floor(value / 1000)}K+`;
  return wholeMoney(Math.floor(value));
}

export function ago(publishedAt: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - publishedAt) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.round(hours / 24);
  if (days < 7) return `${days} day${days === 1 ? '' : 's'} ago`;
  const weeks = Math.round(days / 7);
  return weeks < 5 ? `${weeks} week${weeks === 1 ? '' : 's'} ago` : `${Math.round(days / 30)} months ago`;
}

export function experienceLabel(level: JobRecord['experienceLevel']): string {
  return { ENTRY_LEVEL: 'Entry level', INTERMEDIATE: 'Intermediate', EXPERT: 'Expert' }[level];
}

export function jobTypeLabel(job: JobRecord): string {
  if (job.jobType === 'FIXED') return 'Fixed price';
  if (job.hourlyMin === null) return 'Hourly';
  return job.hourlyMax !== null && job.hourlyMax !== job.hourlyMin
    ? `Hourly: ${money(job.hourlyMin)} - ${money(job.hourlyMax)}`
    : `Hourly: ${money(job.hourlyMin)}`;
}

export function proposalsTier(applicants: number | null): string {
  const n = applicants ?? 0;
  if (n < 5) return 'Less than 5';
  if (n < 10) return '5 to 10';
  if (n < 15) return '10 to 15';
  if (n < 20) return '15 to 20';
  if (n < 50) return '20 to 50';
  return '50+';
}

export function rating(client: ClientRecord): string {
  return client.rating === null ? 'No reviews yet' : client.rating.toFixed(2);
}

/** "Build-React-landing-page" from a title; "job" when nothing Latin is left. */
export function slug(title: string): string {
  const s = title
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'job';
}

export const jobPath = (job: JobRecord) => `/jobs/${slug(job.title)}_~02${job.id}/`;
export const publishedAt = (job: JobRecord, startedAt: number) => startedAt - job.publishedMinutesAgo * 60_000;
