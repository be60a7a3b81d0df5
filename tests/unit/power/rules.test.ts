import { describe, expect, it } from 'vitest';
import { formatRating } from '../../../lib/helpers/format';
import { evaluateRules, ruleIds, summarizeVerdicts } from '../../../lib/power/rules';
import { type BlockList, defaultSettings, type RulesSettings } from '../../../lib/settings/schema';
import { makeJob } from './job-fixture';

const noBlocks: BlockList = { clients: [] };

/** Default rules with one rule switched on and configured. */
function only<K extends keyof RulesSettings>(id: K, config: Partial<RulesSettings[K]> = {}): RulesSettings {
  const rules = defaultSettings().rules;
  for (const key of ruleIds) rules[key].enabled = false;
  rules[id] = { ...rules[id], enabled: true, ...config };
  return rules;
}

describe('evaluateRules', () => {
  it('shows a job when no rule is on', () => {
    expect(evaluateRules(makeJob(), only('minClientSpend', { enabled: false }), { blockList: noBlocks })).toEqual({
      action: 'show',
      reasons: [],
    });
  });

  it('default rules show an ordinary job', () => {
    expect(evaluateRules(makeJob(), defaultSettings().rules, { blockList: noBlocks }).action).toBe('show');
  });

  describe('minimum client spend', () => {
    const rules = only('minClientSpend', { amount: 1_000 });
    it('hides a client who spent less, saying so in words', () => {
      const verdict = evaluateRules(makeJob({}, { totalSpent: 250 }), rules, { blockList: noBlocks });
      expect(verdict).toEqual({
        action: 'hide',
        reasons: [{ ruleId: 'minClientSpend', action: 'hide', text: 'Client spent less than $1,000 ($250 so far)' }],
      });
    });
    it('counts $0 as data (a client who never paid anyone)', () => {
      expect(evaluateRules(makeJob({}, { totalSpent: 0 }), rules, { blockList: noBlocks }).action).toBe('hide');
    });
    it('keeps a client at or above the amount', () => {
      expect(evaluateRules(makeJob({}, { totalSpent: 1_000 }), rules, { blockList: noBlocks }).action).toBe('show');
    });
    it('never hides when spend is private (null)', () => {
      expect(evaluateRules(makeJob({}, { totalSpent: null, hasFinancialPrivacy: true }), rules, { blockList: noBlocks }).action).toBe(
        'show',
      );
    });
    it('dims instead when the rule says dim', () => {
      const dim = only('minClientSpend', { amount: 1_000, action: 'dim' });
      expect(evaluateRules(makeJob({}, { totalSpent: 10 }), dim, { blockList: noBlocks }).action).toBe('dim');
    });
  });

  describe('minimum hire rate', () => {
    const rules = only('minHireRate', { percent: 50 });
    it('hides a client hiring rarely', () => {
      const verdict = evaluateRules(makeJob({}, { hireRate: 0.2, totalHires: 2, totalPostedJobs: 10 }), rules, { blockList: noBlocks });
      expect(verdict.reasons[0]?.text).toBe('Client hires for 20% of jobs posted, less than 50%');
    });
    it('keeps 50% at a 50% minimum', () => {
      expect(evaluateRules(makeJob({}, { hireRate: 0.5 }), rules, { blockList: noBlocks }).action).toBe('show');
    });
    it('never hides a client with no posted jobs (no rate)', () => {
      expect(evaluateRules(makeJob({}, { hireRate: null, totalPostedJobs: 0, totalHires: 0 }), rules, { blockList: noBlocks }).action).toBe(
        'show',
      );
    });
  });

  describe('payment verified only', () => {
    const rules = only('paymentVerified');
    it('hides an unverified client', () => {
      const verdict = evaluateRules(makeJob({}, { paymentVerified: false }), rules, { blockList: noBlocks });
      expect(verdict.reasons.map((r) => r.text)).toEqual(['Client’s payment method is not verified']);
    });
    it('keeps a verified one', () => {
      expect(evaluateRules(makeJob(), rules, { blockList: noBlocks }).action).toBe('show');
    });
  });

  describe('minimum rating', () => {
    const rules = only('minRating', { rating: 4.5 });
    it('hides a lower rating', () => {
      expect(evaluateRules(makeJob({}, { rating: 4.2 }), rules, { blockList: noBlocks }).reasons[0]?.text).toBe(
        'Client is rated 4.2, below 4.5',
      );
    });
    it('words the rating as the tile shows it (two decimals)', () => {
      const rating = 4.47;
      const text = evaluateRules(makeJob({}, { rating }), rules, { blockList: noBlocks }).reasons[0]?.text;
      expect(text).toBe(`Client is rated ${formatRating(rating)}, below 4.5`);
      expect(text).toBe('Client is rated 4.47, below 4.5');
    });
    it('never hides a client with no reviews', () => {
      expect(evaluateRules(makeJob({}, { rating: null, totalReviews: 0 }), rules, { blockList: noBlocks }).action).toBe('show');
    });
  });

  describe('client countries', () => {
    it('hides an excluded country, case-insensitively', () => {
      const rules = only('countries', { exclude: ['germany'] });
      expect(evaluateRules(makeJob(), rules, { blockList: noBlocks }).reasons[0]?.text).toBe(
        'Client is in Germany, a country you excluded',
      );
    });
    it('hides a country outside a non-empty include list', () => {
      const rules = only('countries', { include: ['France', 'Spain'] });
      expect(evaluateRules(makeJob(), rules, { blockList: noBlocks }).reasons[0]?.text).toBe(
        'Client is in Germany, not one of your countries',
      );
    });
    it('keeps an included country', () => {
      expect(evaluateRules(makeJob(), only('countries', { include: [' Germany '] }), { blockList: noBlocks }).action).toBe('show');
    });
    it('never hides a client whose country is not shown', () => {
      const rules = only('countries', { include: ['France'], exclude: ['Germany'] });
      expect(evaluateRules(makeJob({}, { country: null }), rules, { blockList: noBlocks }).action).toBe('show');
    });
  });

  describe('maximum proposals', () => {
    const rules = only('maxProposals', { max: 10 });
    it('hides a crowded job', () => {
      expect(evaluateRules(makeJob({ totalApplicants: 25 }), rules, { blockList: noBlocks }).reasons[0]?.text).toBe(
        '25 proposals already, more than 10',
      );
    });
    it('keeps exactly the maximum', () => {
      expect(evaluateRules(makeJob({ totalApplicants: 10 }), rules, { blockList: noBlocks }).action).toBe('show');
    });
    it('never hides when the count is not reported', () => {
      expect(evaluateRules(makeJob({ totalApplicants: null }), rules, { blockList: noBlocks }).action).toBe('show');
    });
  });

  describe('fixed-price budget', () => {
    const rules = only('fixedBudget', { min: 500, max: 10_000 });
    const fixed = (fixedBudget: number | null) => makeJob({ jobType: 'FIXED', fixedBudget, hourlyMin: null, hourlyMax: null });
    it('hides a budget below the minimum', () => {
      expect(evaluateRules(fixed(200), rules, { blockList: noBlocks }).reasons[0]?.text).toBe('Budget $200, below $500');
    });
    it('hides a budget above the maximum', () => {
      expect(evaluateRules(fixed(20_000), rules, { blockList: noBlocks }).reasons[0]?.text).toBe('Budget $20,000, above $10,000');
    });
    it('keeps a budget inside the range', () => {
      expect(evaluateRules(fixed(500), rules, { blockList: noBlocks }).action).toBe('show');
    });
    it('never hides an open budget (null or $0) or an hourly job', () => {
      expect(evaluateRules(fixed(null), rules, { blockList: noBlocks }).action).toBe('show');
      expect(evaluateRules(fixed(0), rules, { blockList: noBlocks }).action).toBe('show');
      expect(evaluateRules(makeJob(), rules, { blockList: noBlocks }).action).toBe('show');
    });
  });

  describe('hourly rate', () => {
    it('hides a job that pays at most less than the minimum', () => {
      const rules = only('hourlyRate', { min: 80 });
      expect(evaluateRules(makeJob({ hourlyMin: 30, hourlyMax: 60 }), rules, { blockList: noBlocks }).reasons[0]?.text).toBe(
        'Pays up to $60/hr, below $80/hr',
      );
    });
    it('keeps a range that reaches the minimum', () => {
      expect(
        evaluateRules(makeJob({ hourlyMin: 30, hourlyMax: 80 }), only('hourlyRate', { min: 80 }), { blockList: noBlocks }).action,
      ).toBe('show');
    });
    it('hides a job whose lowest rate is above the maximum', () => {
      const verdict = evaluateRules(makeJob({ hourlyMin: 90, hourlyMax: 120 }), only('hourlyRate', { max: 60 }), { blockList: noBlocks });
      expect(verdict.reasons[0]?.text).toBe('Pays from $90/hr, above $60/hr');
    });
    it('uses the one end the client gave', () => {
      expect(
        evaluateRules(makeJob({ hourlyMin: 20, hourlyMax: null }), only('hourlyRate', { min: 25 }), { blockList: noBlocks }).action,
      ).toBe('hide');
    });
    it('never hides when no rate is given, or on fixed-price jobs', () => {
      const rules = only('hourlyRate', { min: 80 });
      expect(evaluateRules(makeJob({ hourlyMin: null, hourlyMax: null }), rules, { blockList: noBlocks }).action).toBe('show');
      expect(
        evaluateRules(makeJob({ jobType: 'FIXED', fixedBudget: 100, hourlyMin: null, hourlyMax: null }), rules, { blockList: noBlocks })
          .action,
      ).toBe('show');
    });
  });

  describe('required keywords', () => {
    it('dims (its default) a job mentioning none of them', () => {
      const rules = only('requireKeywords', { terms: 'vue, "next.js"' });
      expect(evaluateRules(makeJob(), rules, { blockList: noBlocks })).toEqual({
        action: 'dim',
        reasons: [{ ruleId: 'requireKeywords', action: 'dim', text: 'Mentions none of “vue”, “next.js”' }],
      });
    });
    it('keeps a job mentioning any of them (match any)', () => {
      expect(evaluateRules(makeJob(), only('requireKeywords', { terms: 'vue typescript' }), { blockList: noBlocks }).action).toBe('show');
    });
    it('with match all, names the missing ones', () => {
      const rules = only('requireKeywords', { terms: 'react vue', match: 'all' });
      expect(evaluateRules(makeJob(), rules, { blockList: noBlocks }).reasons[0]?.text).toBe('Missing required keyword “vue”');
    });
    it('looks only in the chosen fields', () => {
      const inTitleOnly = only('requireKeywords', { terms: 'charts', inTitle: true, inDescription: false, inSkills: false });
      expect(evaluateRules(makeJob(), inTitleOnly, { blockList: noBlocks }).action).toBe('dim');
      const inSkills = only('requireKeywords', { terms: 'typescript', inTitle: false, inDescription: false, inSkills: true });
      expect(evaluateRules(makeJob(), inSkills, { blockList: noBlocks }).action).toBe('show');
    });
    it('matches whole words only', () => {
      expect(
        evaluateRules(makeJob({ title: 'Reactive systems', description: '', skills: [] }), only('requireKeywords', { terms: 'react' }), {
          blockList: noBlocks,
        }).action,
      ).toBe('dim');
    });
    it('never fires with no keywords or no field to look in', () => {
      expect(evaluateRules(makeJob(), only('requireKeywords', { terms: '  , ' }), { blockList: noBlocks }).action).toBe('show');
      const nowhere = only('requireKeywords', { terms: 'vue', inTitle: false, inDescription: false, inSkills: false });
      expect(evaluateRules(makeJob(), nowhere, { blockList: noBlocks }).action).toBe('show');
    });
  });

  describe('excluded keywords', () => {
    it('hides a job mentioning one, quoting it', () => {
      const rules = only('excludeKeywords', { terms: 'wordpress "build charts"' });
      const verdict = evaluateRules(makeJob(), rules, { blockList: noBlocks });
      expect(verdict.reasons[0]?.text).toBe('Mentions excluded keyword “build charts”');
    });
    it('ignores case and keeps regex characters literal', () => {
      const job = makeJob({ title: 'Fix my C++ code (urgent)', description: 'a.b', skills: [] });
      expect(evaluateRules(job, only('excludeKeywords', { terms: 'c++' }), { blockList: noBlocks }).action).toBe('hide');
      expect(evaluateRules(job, only('excludeKeywords', { terms: 'a*b' }), { blockList: noBlocks }).action).toBe('show');
      expect(evaluateRules(job, only('excludeKeywords', { terms: '(URGENT)' }), { blockList: noBlocks }).action).toBe('hide');
    });
  });

  describe('blocked clients', () => {
    const blockList: BlockList = { clients: [{ clientId: 'org-1', label: 'Berlin client', reason: '', addedAt: 1 }] };
    it('hides a blocked client by its id', () => {
      const verdict = evaluateRules(makeJob({}, { companyUid: 'org-1' }), defaultSettings().rules, { blockList });
      expect(verdict).toEqual({ action: 'hide', reasons: [{ ruleId: 'blockedClients', action: 'hide', text: 'You blocked this client' }] });
    });
    it('keeps other clients, and jobs with no client id', () => {
      expect(evaluateRules(makeJob({}, { companyUid: 'org-2' }), defaultSettings().rules, { blockList }).action).toBe('show');
      expect(evaluateRules(makeJob(), defaultSettings().rules, { blockList }).action).toBe('show');
    });
  });

  it('hides when one hiding rule fires alongside a dimming one, hiding reason first', () => {
    const rules = defaultSettings().rules;
    rules.requireKeywords = { ...rules.requireKeywords, enabled: true, terms: 'vue' };
    rules.paymentVerified = { enabled: true, action: 'hide' };
    const verdict = evaluateRules(makeJob({}, { paymentVerified: false }), rules, { blockList: noBlocks });
    expect(verdict.action).toBe('hide');
    expect(verdict.reasons.map((r) => r.ruleId)).toEqual(['paymentVerified', 'requireKeywords']);
  });

  it('summarizes verdicts for the live count', () => {
    const rules = only('maxProposals', { max: 10 });
    const verdicts = [5, 20, 30, null].map((n) => evaluateRules(makeJob({ totalApplicants: n }), rules, { blockList: noBlocks }));
    expect(summarizeVerdicts(verdicts)).toEqual({ shown: 2, dimmed: 0, hidden: 2 });
  });

  it('covers every rule the settings define', () => {
    expect([...ruleIds].sort()).toEqual(Object.keys(defaultSettings().rules).sort());
  });
});
