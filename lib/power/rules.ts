import { formatExactMoney, formatPercent, formatRating } from '../helpers/format';
import type { BlockList, RuleAction, RuleId, RulesSettings } from '../settings/schema';
import type { JobSummary } from '../upwork/model';
import { isBlocked } from './blocklist';
import { clientIdOf } from './client-key';
import { matcherFor } from './text-match';

/**
 * The user's rules, applied to one job. Every rule that fires gives a reason in words; the job is
 * hidden if any firing rule hides, dimmed if any dims.
 *
 * Missing data never hides a job: a rule that needs a value the job does not have (a client with
 * no reviews, spend kept private) does not fire. Each rule's comment says what "missing" means.
 */

export interface RuleReason {
  ruleId: RuleId;
  action: RuleAction;
  text: string;
}

export interface RuleVerdict {
  action: 'show' | RuleAction;
  reasons: RuleReason[];
}

export interface RuleLists {
  blockList: BlockList;
}

type Check = (job: JobSummary, rules: RulesSettings, lists: RuleLists) => string | null;

function sameCountry(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');
}

function keywordTexts(job: JobSummary, where: { inTitle: boolean; inDescription: boolean; inSkills: boolean }): string[] {
  const texts: string[] = [];
  if (where.inTitle) texts.push(job.title);
  if (where.inDescription) texts.push(job.description);
  if (where.inSkills) texts.push(job.skills.join('\n'));
  return texts;
}

function quoteList(terms: readonly string[]): string {
  return terms.map((term) => `“${term}”`).join(', ');
}

/** Checks in the order reasons are listed; each returns the reason text when the rule fires. */
const checks: { [K in RuleId]: Check } = {
  // Missing: spend kept private or not reported (null). $0 is data: a client who never paid anyone.
  minClientSpend: (job, rules) => {
    const spent = job.client.totalSpent;
    const { amount } = rules.minClientSpend;
    if (spent === null || spent >= amount) return null;
    return `Client spent less than ${formatExactMoney(amount, job.client.currency)} (${formatExactMoney(spent, job.client.currency)} so far)`;
  },
  // Missing: no jobs posted yet, so no hire rate (null).
  minHireRate: (job, rules) => {
    const rate = job.client.hireRate;
    const wanted = rules.minHireRate.percent / 100;
    if (rate === null || rate >= wanted) return null;
    return `Client hires for ${formatPercent(rate)} of jobs posted, less than ${rules.minHireRate.percent}%`;
  },
  // Never missing: the API reports verification for every client (absent means not verified).
  paymentVerified: (job) => (job.client.paymentVerified ? null : 'Client’s payment method is not verified'),
  // Missing: no reviews yet (null).
  minRating: (job, rules) => {
    const { rating } = job.client;
    if (rating === null || rating >= rules.minRating.rating) return null;
    return `Client is rated ${formatRating(rating)}, below ${formatRating(rules.minRating.rating)}`;
  },
  // Missing: country not shown (null). An empty include list means "any country".
  countries: (job, rules) => {
    const { country } = job.client;
    if (country === null || country.trim() === '') return null;
    const { include, exclude } = rules.countries;
    if (exclude.some((entry) => sameCountry(entry, country))) return `Client is in ${country}, a country you excluded`;
    if (include.length > 0 && !include.some((entry) => sameCountry(entry, country)))
      return `Client is in ${country}, not one of your countries`;
    return null;
  },
  // Missing: proposal count not reported (null).
  maxProposals: (job, rules) => {
    const count = job.totalApplicants;
    if (count === null || count <= rules.maxProposals.max) return null;
    return `${count} proposals already, more than ${rules.maxProposals.max}`;
  },
  // Fixed-price jobs only. Missing: no budget, or $0 (how the API reports "open budget").
  fixedBudget: (job, rules) => {
    if (job.jobType !== 'FIXED' || job.fixedBudget === null || job.fixedBudget <= 0) return null;
    const { min, max } = rules.fixedBudget;
    const budget = formatExactMoney(job.fixedBudget, job.currency);
    if (min !== null && job.fixedBudget < min) return `Budget ${budget}, below ${formatExactMoney(min, job.currency)}`;
    if (max !== null && job.fixedBudget > max) return `Budget ${budget}, above ${formatExactMoney(max, job.currency)}`;
    return null;
  },
  // Hourly jobs only. Missing: the client gave no rate. With one end given, that end stands for both.
  hourlyRate: (job, rules) => {
    if (job.jobType !== 'HOURLY') return null;
    const highest = job.hourlyMax ?? job.hourlyMin;
    const lowest = job.hourlyMin ?? job.hourlyMax;
    if (highest === null || lowest === null) return null;
    const { min, max } = rules.hourlyRate;
    if (min !== null && highest < min)
      return `Pays up to ${formatExactMoney(highest, job.currency)}/hr, below ${formatExactMoney(min, job.currency)}/hr`;
    if (max !== null && lowest > max)
      return `Pays from ${formatExactMoney(lowest, job.currency)}/hr, above ${formatExactMoney(max, job.currency)}/hr`;
    return null;
  },
  // Text is always present (maybe empty): an empty keyword list or no field to look in never fires.
  requireKeywords: (job, rules) => {
    const rule = rules.requireKeywords;
    const matcher = matcherFor(rule.terms);
    const texts = keywordTexts(job, rule);
    if (matcher.terms.length === 0 || texts.length === 0) return null;
    const found = matcher.found(texts);
    if (rule.match === 'all') {
      const missing = matcher.terms.filter((term) => !found.includes(term));
      return missing.length === 0 ? null : `Missing required ${missing.length === 1 ? 'keyword' : 'keywords'} ${quoteList(missing)}`;
    }
    return found.length > 0 ? null : `Mentions none of ${quoteList(matcher.terms)}`;
  },
  excludeKeywords: (job, rules) => {
    const rule = rules.excludeKeywords;
    const matcher = matcherFor(rule.terms);
    if (matcher.terms.length === 0) return null;
    const found = matcher.found(keywordTexts(job, rule));
    return found.length === 0 ? null : `Mentions excluded ${found.length === 1 ? 'keyword' : 'keywords'} ${quoteList(found)}`;
  },
  // Missing: the job carries no client id (see client-key.ts), so no client can be matched.
  blockedClients: (job, _rules, lists) => {
    const id = clientIdOf(job);
    return id !== null && isBlocked(lists.blockList, id) ? 'You blocked this client' : null;
  },
};

export const ruleIds = Object.keys(checks) as RuleId[];

export function evaluateRules(job: JobSummary, rules: RulesSettings, lists: RuleLists): RuleVerdict {
  const reasons: RuleReason[] = [];
  for (const ruleId of ruleIds) {
    const rule = rules[ruleId];
    if (!rule.enabled) continue;
    const text = checks[ruleId](job, rules, lists);
    if (text !== null) reasons.push({ ruleId, action: rule.action, text });
  }
  const action = reasons.some((reason) => reason.action === 'hide') ? 'hide' : reasons.length > 0 ? 'dim' : 'show';
  // Hiding reasons first: the one-line stub on a hidden tile shows the first.
  reasons.sort((a, b) => Number(b.action === 'hide') - Number(a.action === 'hide'));
  return { action, reasons };
}

/** Counts for "your rules would hide N and dim M of these jobs". */
export function summarizeVerdicts(verdicts: readonly RuleVerdict[]): { shown: number; dimmed: number; hidden: number } {
  const counts = { shown: 0, dimmed: 0, hidden: 0 };
  for (const verdict of verdicts) {
    if (verdict.action === 'hide') counts.hidden += 1;
    else if (verdict.action === 'dim') counts.dimmed += 1;
    else counts.shown += 1;
  }
  return counts;
}
