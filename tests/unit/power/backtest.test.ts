import { describe, expect, it } from 'vitest';
import { addRecentJobs, backtestRules, markRecentOpened, RECENT_JOBS_MAX_AGE_MS } from '../../../lib/power/backtest';
import { ruleIds } from '../../../lib/power/rules';
import { defaultSettings, type RulesSettings } from '../../../lib/settings/schema';
import { makeJob } from './job-fixture';

const NOW = Date.UTC(2026, 10, 29, 12);
const lists = (starred: string[] = []) => ({ blockList: { clients: [] }, starred: new Set(starred) });

function rulesWith(patch: (rules: RulesSettings) => void): RulesSettings {
  const rules = defaultSettings().rules;
  for (const id of ruleIds) rules[id].enabled = false;
  patch(rules);
  return rules;
}

const cheap = makeJob({ id: '1000000000000000001', title: 'Cheap client' }, { totalSpent: 50 });
const rich = makeJob({ id: '1000000000000000002', title: 'Rich client' }, { totalSpent: 90_000 });
const crowded = makeJob({ id: '1000000000000000003', title: 'Crowded', totalApplicants: 80 }, { totalSpent: 200 });

describe('recent jobs', () => {
  it('keeps one entry per job, newest first, and at most the maximum', () => {
    let recent = addRecentJobs([], [cheap, rich], NOW - 1_000);
    recent = addRecentJobs(recent, [crowded, cheap], NOW, 2);
    expect(recent.map((entry) => entry.job.id)).toEqual([crowded.id, cheap.id]);
    expect(recent[1]?.at).toBe(NOW);
  });

  it('drops sightings older than 24 hours, and keeps a job opened when it is seen again', () => {
    let recent = addRecentJobs([], [cheap], NOW - RECENT_JOBS_MAX_AGE_MS - 1);
    recent = addRecentJobs(recent, [rich], NOW);
    expect(recent.map((entry) => entry.job.id)).toEqual([rich.id]);
    recent = markRecentOpened(recent, rich.id);
    expect(markRecentOpened(recent, rich.id)).toBe(recent);
    expect(markRecentOpened(recent, 'not-there')).toBe(recent);
    expect(addRecentJobs(recent, [rich], NOW + 1)[0]?.opened).toBe(true);
  });
});

describe('backtestRules', () => {
  const recent = markRecentOpened(addRecentJobs([], [cheap, rich, crowded], NOW), crowded.id);

  it('counts what each rule would hide or dim, and the starred or opened jobs among them', () => {
    const rules = rulesWith((r) => {
      r.minClientSpend = { ...r.minClientSpend, enabled: true, action: 'hide', amount: 1_000 };
      r.maxProposals = { ...r.maxProposals, enabled: true, action: 'dim', max: 50 };
    });
    const result = backtestRules(recent, rules, lists([cheap.id]), NOW);
    expect(result).toMatchObject({ total: 3, hidden: 2, dimmed: 0 });
    const spend = result.rules.find((rule) => rule.ruleId === 'minClientSpend');
    expect(spend?.hidden.map((job) => [job.title, job.starred, job.opened])).toEqual([
      ['Cheap client', true, false],
      ['Crowded', false, true],
    ]);
    expect(result.rules.find((rule) => rule.ruleId === 'maxProposals')?.dimmed.map((job) => job.id)).toEqual([crowded.id]);
    expect(result.wanted.map((job) => job.id)).toEqual([cheap.id, crowded.id]);
  });

  it('changes with the rules: a higher bar catches more', () => {
    const bar = (amount: number) =>
      backtestRules(
        recent,
        rulesWith((r) => (r.minClientSpend = { ...r.minClientSpend, enabled: true, action: 'dim', amount })),
        lists(),
        NOW,
      );
    expect(bar(100).dimmed).toBe(1);
    expect(bar(100_000).dimmed).toBe(3);
  });

  it('leaves out jobs seen more than 24 hours before now', () => {
    const rules = rulesWith((r) => (r.minClientSpend = { ...r.minClientSpend, enabled: true, amount: 1_000 }));
    expect(backtestRules(recent, rules, lists(), NOW + RECENT_JOBS_MAX_AGE_MS + 1).total).toBe(0);
  });
});
