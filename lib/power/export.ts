import { SETTINGS_VERSION } from '../settings/limits';
import type { Note } from '../settings/schema';
import type { PowerData } from '../settings/store';
import type { JobSummary } from '../upwork/model';
import { jobUrl } from '../upwork/site/urls';
import { clientIdOf } from './client-key';
import { findNote } from './notes';
import { evaluateRules, type RuleVerdict } from './rules';
import { type JobScore, type ScoreContext, scoreJob } from './score';

/** Jobs with what Loupe knows about them, out to CSV or JSON; and the whole setup out to one backup file. */

export interface AnnotatedJob {
  job: JobSummary;
  score: JobScore | null;
  verdict: RuleVerdict | null;
  clientNote: Note | null;
  jobNote: Note | null;
}

export function annotateJobs(jobs: readonly JobSummary[], data: Omit<PowerData, 'savedSearches'>, context: ScoreContext): AnnotatedJob[] {
  return jobs.map((job) => {
    const clientId = clientIdOf(job);
    return {
      job,
      score: scoreJob(job, data.settings.score, context),
      verdict: evaluateRules(job, data.settings.rules, { blockList: data.blockList }),
      clientNote: clientId === null ? null : findNote(data.notes, 'client', clientId),
      jobNote: findNote(data.notes, 'job', job.id),
    };
  });
}

type Cell = string | number | boolean | null;

/**
 * A spreadsheet opening the file would run a text cell starting with = + - @ (or a tab or carriage
 * return, which some programs skip before looking) as a formula. An apostrophe makes it plain text.
 * Numbers are written from numbers, so they need no guard.
 */
export function guardFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  const text = guardFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

const columns: Array<[string, (entry: AnnotatedJob) => Cell]> = [
  ['Job id', (e) => e.job.id],
  ['Link', (e) => jobUrl(e.job.id, e.job.ciphertext)],
  ['Title', (e) => e.job.title],
  ['Type', (e) => (e.job.jobType === 'HOURLY' ? 'hourly' : 'fixed price')],
  ['Fixed budget', (e) => e.job.fixedBudget],
  ['Hourly from', (e) => e.job.hourlyMin],
  ['Hourly to', (e) => e.job.hourlyMax],
  ['Currency', (e) => e.job.currency],
  ['Experience level', (e) => e.job.experienceLevel],
  ['Proposals', (e) => e.job.totalApplicants],
  ['Published', (e) => e.job.publishedAt],
  ['Skills', (e) => e.job.skills.join('; ')],
  ['Client country', (e) => e.job.client.country],
  ['Client city', (e) => e.job.client.city],
  ['Client spent', (e) => e.job.client.totalSpent],
  ['Client hires', (e) => e.job.client.totalHires],
  ['Client jobs posted', (e) => e.job.client.totalPostedJobs],
  // Repeat hires can outnumber jobs posted: a rate over 100 % reads as an error, so that ratio is its own column (as on the tiles).
  [
    'Client hire rate %',
    (e) => (e.job.client.hireRate === null || e.job.client.hireRate > 1 ? null : Math.round(e.job.client.hireRate * 100)),
  ],
  [
    'Client hires per job',
    (e) => (e.job.client.hireRate === null || e.job.client.hireRate <= 1 ? null : Math.round(e.job.client.hireRate * 100) / 100),
  ],
  ['Client rating', (e) => e.job.client.rating],
  ['Client reviews', (e) => e.job.client.totalReviews],
  ['Payment verified', (e) => e.job.client.paymentVerified],
  ['Score', (e) => e.score?.total ?? null],
  ['Score breakdown', (e) => e.score?.factors.map((f) => `${f.label} ${f.points}/${f.max}`).join('; ') ?? null],
  [
    'Rules',
    (e) => (e.verdict && e.verdict.reasons.length > 0 ? `${e.verdict.action}: ${e.verdict.reasons.map((r) => r.text).join('; ')}` : null),
  ],
  ['Client tags', (e) => e.clientNote?.tags.join('; ') ?? null],
  ['Client note', (e) => e.clientNote?.text ?? null],
  ['Job tags', (e) => e.jobNote?.tags.join('; ') ?? null],
  ['Job note', (e) => e.jobNote?.text ?? null],
];

export function jobsToCsv(entries: readonly AnnotatedJob[]): string {
  return toCsv(
    columns.map(([name]) => name),
    entries.map((entry) => columns.map(([, read]) => read(entry))),
  );
}

export function jobsToJson(entries: readonly AnnotatedJob[], exportedAt: Date): string {
  return `${JSON.stringify({ format: 'loupe-jobs', version: 1, exportedAt: exportedAt.toISOString(), jobs: entries }, null, 2)}\n`;
}

export const BACKUP_FORMAT = 'loupe-backup';
export const BACKUP_VERSION = SETTINGS_VERSION;

export interface Backup extends PowerData {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
}

/** Settings, notes, block list and saved searches in one file; seen-job marks stay behind. */
export function makeBackup(data: PowerData, exportedAt: Date): Backup {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: exportedAt.toISOString(),
    settings: data.settings,
    notes: data.notes,
    blockList: data.blockList,
    savedSearches: data.savedSearches,
  };
}

export function backupToJson(backup: Backup): string {
  return `${JSON.stringify(backup, null, 2)}\n`;
}

/** `loupe-backup-2025-01-31.json`, from the export time. */
export function exportFileName(kind: 'backup' | 'jobs', extension: 'json' | 'csv', at: Date): string {
  return `loupe-${kind}-${at.toISOString().slice(0, 10)}.${extension}`;
}
