import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ScoreContext, scoreJob } from '../../../lib/power/score';
import { defaultSettings, type ScoreFactorId, type ScoreSettings, scoreFactorIds } from '../../../lib/settings/schema';
import { makeJob } from './job-fixture';

// Winter: Berlin is UTC+1, New York UTC−5.
const WINTER = new Date('2025-01-15T12:00:00Z');
const berlinUser: ScoreContext = { userUtcOffsetMinutes: 60, now: WINTER };

function settings(change: Partial<ScoreSettings> = {}): ScoreSettings {
  return { ...defaultSettings().score, ...change };
}
function onlyWeight(id: ScoreFactorId, extra: Partial<ScoreSettings> = {}): ScoreSettings {
  const weights = Object.fromEntries(scoreFactorIds.map((f) => [f, f === id ? 5 : 0])) as ScoreSettings['weights'];
  return settings({ ...extra, weights });
}

const arbitraryJob = fc
  .record({
    jobType: fc.constantFrom('HOURLY' as const, 'FIXED' as const),
    fixedBudget: fc.option(fc.integer({ min: 0, max: 100_000 })),
    hourlyMin: fc.option(fc.integer({ min: 1, max: 200 })),
    hourlyMax: fc.option(fc.integer({ min: 1, max: 300 })),
    totalApplicants: fc.option(fc.integer({ min: 0, max: 200 })),
    title: fc.constantFrom('React app', 'WordPress fix', 'Data entry', ''),
  })
  .chain((job) =>
    fc
      .record({
        totalSpent: fc.option(fc.double({ min: 0, max: 5_000_000, noNaN: true })),
        hireRate: fc.option(fc.double({ min: 0, max: 2, noNaN: true })),
        rating: fc.option(fc.double({ min: 0, max: 5, noNaN: true })),
        paymentVerified: fc.boolean(),
        utcOffsetMinutes: fc.option(fc.integer({ min: -12 * 60, max: 14 * 60 })),
        timezone: fc.constantFrom(null, 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Not/AZone'),
      })
      .map((client) => makeJob(job, client)),
  );

const arbitrarySettings = fc.record({
  weights: fc.record(
    Object.fromEntries(scoreFactorIds.map((id) => [id, fc.integer({ min: 0, max: 10 })])) as Record<ScoreFactorId, fc.Arbitrary<number>>,
  ),
  fullSpendAt: fc.integer({ min: 1, max: 1_000_000 }),
  targetHourlyRate: fc.option(fc.integer({ min: 0, max: 500 })),
  targetFixedBudget: fc.option(fc.integer({ min: 0, max: 50_000 })),
  keywords: fc.constantFrom('', 'react', 'react "data entry" wordpress'),
  workStartHour: fc.integer({ min: 0, max: 24 }),
  workEndHour: fc.integer({ min: 0, max: 24 }),
});

describe('scoreJob', () => {
  it('the breakdown always adds up to the total, within 0–100, each factor within its max', () => {
    fc.assert(
      fc.property(arbitraryJob, arbitrarySettings, fc.integer({ min: -720, max: 840 }), (job, score, offset) => {
        const result = scoreJob(job, score, { userUtcOffsetMinutes: offset });
        const sum = result.factors.reduce((total, f) => total + f.points, 0);
        expect(sum).toBe(result.total);
        expect(result.total).toBeGreaterThanOrEqual(0);
        expect(result.total).toBeLessThanOrEqual(100);
        const maxSum = result.factors.reduce((total, f) => total + f.max, 0);
        expect(maxSum).toBe(result.factors.length === 0 ? 0 : 100);
        for (const factor of result.factors) {
          expect(Number.isInteger(factor.points)).toBe(true);
          expect(factor.points).toBeGreaterThanOrEqual(0);
          expect(factor.points).toBeLessThanOrEqual(factor.max);
          expect(factor.explanation.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it.each(scoreFactorIds)('a weight of 0 removes the %s factor', (id) => {
    const weights = { ...defaultSettings().score.weights, [id]: 0 };
    const result = scoreJob(makeJob(), settings({ weights }), berlinUser);
    expect(result.factors.map((f) => f.id)).not.toContain(id);
    expect(result.factors).toHaveLength(scoreFactorIds.length - 1);
  });

  it('with every weight 0 there is nothing to score', () => {
    const weights = Object.fromEntries(scoreFactorIds.map((id) => [id, 0])) as ScoreSettings['weights'];
    expect(scoreJob(makeJob(), settings({ weights }), berlinUser)).toEqual({ total: 0, factors: [] });
  });

  it('shares the 100 points by weight', () => {
    const weights = { ...Object.fromEntries(scoreFactorIds.map((id) => [id, 0])), clientSpend: 3, rating: 1 } as ScoreSettings['weights'];
    const result = scoreJob(makeJob(), settings({ weights }), berlinUser);
    expect(result.factors.map((f) => [f.id, f.max])).toEqual([
      ['clientSpend', 75],
      ['rating', 25],
    ]);
  });

  it('gives full points for a perfect job and none for a poor one', () => {
    const full = settings({ targetHourlyRate: 50, keywords: 'react typescript', workStartHour: 9, workEndHour: 17 });
    const perfect = makeJob(
      { totalApplicants: 0, hourlyMax: 80 },
      { totalSpent: 100_000, hireRate: 1, rating: 5, paymentVerified: true, utcOffsetMinutes: 60 },
    );
    expect(scoreJob(perfect, full, berlinUser).total).toBe(100);
    const poor = makeJob(
      { title: 'Logo', description: 'Need a logo', skills: [], totalApplicants: 60, hourlyMin: null, hourlyMax: 0 },
      { totalSpent: 0, hireRate: 0, rating: 3, paymentVerified: false, timezone: null, utcOffsetMinutes: 60 + 12 * 60 },
    );
    expect(scoreJob(poor, full, berlinUser).total).toBe(0);
  });

  describe('factors', () => {
    const one = (id: ScoreFactorId, job = makeJob(), extra: Partial<ScoreSettings> = {}, context = berlinUser) =>
      scoreJob(job, onlyWeight(id, extra), context).factors[0];

    it('client spend grows on a log scale and explains itself', () => {
      const low = one('clientSpend', makeJob({}, { totalSpent: 500 }));
      const high = one('clientSpend', makeJob({}, { totalSpent: 20_000 }));
      expect(low?.points).toBeLessThan(high?.points ?? 0);
      expect(high?.explanation).toBe('Client spent $20,000 (full points from $50,000)');
    });
    it('unknown data counts as half and says so', () => {
      const factor = one('rating', makeJob({}, { rating: null, totalReviews: 0 }));
      expect(factor).toMatchObject({ points: 50, max: 100, explanation: 'Client has no reviews yet: counted as half' });
    });
    it('hire rate uses the share of jobs hired for', () => {
      expect(one('hireRate', makeJob({}, { hireRate: 0.6 }))).toMatchObject({
        points: 60,
        explanation: 'Client hired for 6 of 10 jobs posted (60%)',
      });
    });
    it('payment verification is all or nothing', () => {
      expect(one('paymentVerified')?.points).toBe(100);
      expect(one('paymentVerified', makeJob({}, { paymentVerified: false }))?.points).toBe(0);
    });
    it('proposals: fewer is better', () => {
      expect(one('proposals', makeJob({ totalApplicants: 10 }))?.points).toBe(80);
    });
    it('budget fit compares with the user’s own rate, neutral until set', () => {
      expect(one('budgetFit', makeJob({ hourlyMax: 30 }), { targetHourlyRate: 60 })?.points).toBe(50);
      expect(one('budgetFit', makeJob(), { targetHourlyRate: null })?.explanation).toBe(
        'Set your hourly rate to score budgets: counted as half',
      );
      const fixed = makeJob({ jobType: 'FIXED', fixedBudget: 250, hourlyMin: null, hourlyMax: null });
      expect(one('budgetFit', fixed, { targetFixedBudget: 1_000 })?.points).toBe(25);
    });
    it('keyword match counts the user’s keywords found', () => {
      const factor = one('keywordMatch', makeJob(), { keywords: 'react, vue, typescript, "data entry"' });
      expect(factor).toMatchObject({ points: 50, explanation: 'Mentions 2 of your 4 keywords: react, typescript' });
    });
    it('working-hours overlap follows both time zones', () => {
      // User in UTC+1 working 9–17; a client in UTC+1 shares all 8 hours, one in UTC−5 shares 2.
      expect(one('timeOverlap', makeJob({}, { timezone: null, utcOffsetMinutes: 60 }))?.points).toBe(100);
      const newYork = one('timeOverlap', makeJob({}, { timezone: null, utcOffsetMinutes: -300 }));
      expect(newYork?.points).toBe(25);
      expect(newYork?.explanation).toBe('2 of your working hours (9:00–17:00) overlap the client’s 9:00–17:00 (UTC−5)');
    });
    it('working hours across midnight wrap around', () => {
      const night = one('timeOverlap', makeJob({}, { utcOffsetMinutes: 60 }), { workStartHour: 22, workEndHour: 6 });
      expect(night?.points).toBe(0);
    });
    it('prefers the client’s zone name, which knows daylight saving', () => {
      const summer = { userUtcOffsetMinutes: 120, now: new Date('2025-07-15T12:00:00Z') };
      // Europe/Berlin is UTC+2 in July although the stored fixed offset says +1.
      expect(one('timeOverlap', makeJob({}, { timezone: 'Europe/Berlin', utcOffsetMinutes: 60 }), {}, summer)?.points).toBe(100);
    });
    it('falls back to half points without any zone', () => {
      expect(one('timeOverlap', makeJob({}, { timezone: null, utcOffsetMinutes: null }))?.explanation).toBe(
        'Client’s time zone not shown: counted as half',
      );
    });
  });
});
