import { RECENT_JOBS_MAX } from '../settings/limits';
import type { BlockList, RecentJobs, RuleId, RulesSettings } from '../settings/schema';
import type { JobSummary } from '../upwork/model';
import { evaluateRules, ruleIds } from './rules';

/**
 * The rules editor's backtest: what a rule set would have done to the jobs the user saw lately.
 * The recent list is written by the worker from each list's sample and read by the options page.
 */

/** API answers are kept 24 hours at most (Upwork's terms), so an older sighting is dropped. */
export const RECENT_JOBS_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Adds the jobs a list showed (newest first, one entry per job, `opened` kept), dropping old and surplus ones. */
export function addRecentJobs(recent: RecentJobs, jobs: readonly JobSummary[], now: number, max = RECENT_JOBS_MAX): RecentJobs {
  const previous = new Map(recent.map((entry) => [entry.job.id, entry]));
  const added = new Set<string>();
  const fresh = jobs
    .filter((job) => !added.has(job.id) && added.add(job.id))
    .map((job) => ({ at: now, opened: previous.get(job.id)?.opened ?? false, job }));
  const kept = recent.filter((entry) => !added.has(entry.job.id) && now - entry.at <= RECENT_JOBS_MAX_AGE_MS);
  return [...fresh, ...kept].slice(0, max);
}

/** Marks a job the user opened; the same array when it is not among the recent jobs or already marked. */
export function markRecentOpened(recent: RecentJobs, jobId: string): RecentJobs {
  const index = recent.findIndex((entry) => entry.job.id === jobId);
  if (index < 0 || recent[index]?.opened) return recent;
  return recent.map((entry, at) => (at === index ? { ...entry, opened: true } : entry));
}

export interface BacktestJob {
  id: string;
  title: string;
  starred: boolean;
  opened: boolean;
}

export interface RuleBacktest {
  ruleId: RuleId;
  hidden: BacktestJob[];
  dimmed: BacktestJob[];
}

export interface Backtest {
  /** Jobs replayed (within the last 24 hours). */
  total: number;
  hidden: number;
  dimmed: number;
  /** Per enabled rule, the jobs it alone would hide or dim (a job broken by two rules is in both). */
  rules: RuleBacktest[];
  /** Jobs the user starred or opened that the rules would hide or dim. */
  wanted: BacktestJob[];
}

export function backtestRules(
  recent: RecentJobs,
  rules: RulesSettings,
  lists: { blockList: BlockList; starred: ReadonlySet<string> },
  now: number,
): Backtest {
  const byRule = new Map<RuleId, RuleBacktest>(
    ruleIds.filter((id) => rules[id].enabled).map((id) => [id, { ruleId: id, hidden: [], dimmed: [] }]),
  );
  const result: Backtest = { total: 0, hidden: 0, dimmed: 0, rules: [], wanted: [] };
  for (const entry of recent) {
    if (now - entry.at > RECENT_JOBS_MAX_AGE_MS) continue;
    result.total += 1;
    const verdict = evaluateRules(entry.job, rules, { blockList: lists.blockList });
    if (verdict.action === 'show') continue;
    const job: BacktestJob = { id: entry.job.id, title: entry.job.title, starred: lists.starred.has(entry.job.id), opened: entry.opened };
    if (verdict.action === 'hide') result.hidden += 1;
    else result.dimmed += 1;
    if (job.starred || job.opened) result.wanted.push(job);
    for (const reason of verdict.reasons) byRule.get(reason.ruleId)?.[reason.action === 'hide' ? 'hidden' : 'dimmed'].push(job);
  }
  result.rules = [...byRule.values()];
  return result;
}
