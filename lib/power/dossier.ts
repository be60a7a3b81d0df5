import type { JobSummary } from '../upwork/model';
import { clientIdOf } from './client-key';

/**
 * The client dossier: every job Loupe showed the user, remembered on this machine with the client
 * it belongs to, so a tile can say what no single page shows (how often the client posts, whether
 * it reposts the same job, how its spend moved). It keeps only what the page showed the user: the
 * job's id, title and posting time, the client's id and its spend and hire count as shown. Those
 * are the user's own record of what they saw, kept up to 90 days; Upwork's answers themselves stay
 * in the 24-hour cache. A job with no client id (Upwork may leave it out) cannot be tied to a
 * client and is not kept.
 */

export const DOSSIER_MAX_JOBS = 20_000;
export const DOSSIER_MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface DossierEntry {
  id: string;
  client: string;
  title: string;
  /** Epoch ms the job was posted (0 when unknown). */
  postedAt: number;
  /** Epoch ms Loupe last showed it. */
  seenAt: number;
  /** The client's spend and hires when this job was last shown. */
  spent: number | null;
  hires: number;
  /** The client's spend and hires the last time they differed from these (null: never seen different). */
  spentBefore: number | null;
  hiresBefore: number | null;
}

/** Titles compared after normalising: case, punctuation, digits and extra spaces do not count. */
export function normaliseTitle(title: string): string {
  return title
    .toLocaleLowerCase('en')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Adds or refreshes the jobs shown, then drops the oldest past 90 days or 20,000 jobs. Order: oldest seen first. */
export function addToDossier(
  entries: readonly DossierEntry[],
  jobs: readonly JobSummary[],
  now: number,
  max = DOSSIER_MAX_JOBS,
): DossierEntry[] {
  const fresh = new Map<string, DossierEntry>();
  const last = new Map<string, DossierEntry>();
  for (const entry of entries) if ((last.get(entry.client)?.seenAt ?? -1) <= entry.seenAt) last.set(entry.client, entry);
  for (const job of jobs) {
    const client = clientIdOf(job);
    if (!client) continue;
    const before = last.get(client);
    const spent = job.client.totalSpent;
    const hires = job.client.totalHires;
    const postedAt = Date.parse(job.publishedAt ?? '');
    fresh.set(job.id, {
      id: job.id,
      client,
      title: job.title.slice(0, 200),
      postedAt: Number.isFinite(postedAt) ? postedAt : 0,
      seenAt: now,
      spent,
      hires,
      spentBefore: before ? (before.spent !== spent ? before.spent : before.spentBefore) : null,
      hiresBefore: before ? (before.hires !== hires ? before.hires : before.hiresBefore) : null,
    });
  }
  const kept = entries.filter((entry) => !fresh.has(entry.id) && now - entry.seenAt <= DOSSIER_MAX_AGE_MS);
  const next = [...kept, ...fresh.values()];
  return next.length > max ? next.slice(next.length - max) : next;
}

export interface ClientFacts {
  postedLast30Days: number;
  postedLast90Days: number;
  /** Other jobs of this client whose title matches this one's after normalising. */
  reposts: number;
  /** Spend and hires now minus what Loupe showed before they last changed (null: no change seen, or private). */
  spendChange: number | null;
  hiresChange: number | null;
  /** When the client was first seen. */
  firstSeenAt: number;
}

/** What the dossier knows of this job's client, beyond this page; null when it knows nothing more. */
export function clientFacts(entries: readonly DossierEntry[], jobId: string, now: number): ClientFacts | null {
  const job = entries.find((entry) => entry.id === jobId);
  if (!job) return null;
  const mine = entries.filter((entry) => entry.client === job.client);
  const title = normaliseTitle(job.title);
  return {
    postedLast30Days: mine.filter((entry) => entry.postedAt > 0 && now - entry.postedAt <= 30 * DAY_MS).length,
    postedLast90Days: mine.filter((entry) => entry.postedAt > 0 && now - entry.postedAt <= 90 * DAY_MS).length,
    reposts: mine.filter((entry) => entry.id !== jobId && title !== '' && normaliseTitle(entry.title) === title).length,
    spendChange: job.spentBefore !== null && job.spent !== null ? job.spent - job.spentBefore : null,
    hiresChange: job.hiresBefore !== null ? job.hires - job.hiresBefore : null,
    firstSeenAt: Math.min(...mine.map((entry) => entry.seenAt)),
  };
}

/** One of a client's other jobs, as the job page lists it: what the page needs to link to it and date it. */
export interface OtherJob {
  id: string;
  title: string;
  /** Epoch ms the job was posted (0 when unknown). */
  postedAt: number;
}

/**
 * The client's other jobs Loupe showed the user, newest posted first (jobs of unknown date last,
 * by when they were seen); empty when the dossier doesn't know this job, hence its client.
 */
export function otherJobsOfClient(entries: readonly DossierEntry[], jobId: string, max: number): OtherJob[] {
  const job = entries.find((entry) => entry.id === jobId);
  if (!job) return [];
  return entries
    .filter((entry) => entry.client === job.client && entry.id !== jobId)
    .sort((a, b) => b.postedAt - a.postedAt || b.seenAt - a.seenAt)
    .slice(0, max)
    .map(({ id, title, postedAt }) => ({ id, title, postedAt }));
}
