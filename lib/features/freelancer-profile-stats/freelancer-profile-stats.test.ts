import { describe, expect, it } from 'vitest';
import { readyCard, rowMap, rowValue } from '../../../tests/unit/page/support';
import { type FreelancerStats, freelancerStatsSchema } from '../../upwork/model';
import { freelancerCard, freelancerRisks } from './index';

const NOW = new Date('2026-03-10T12:00:00Z'); // 7:00 AM in Chicago (daylight time since March 8), 1:00 PM in Berlin (CET)

describe('freelancer card', () => {
  const base: FreelancerStats = freelancerStatsSchema.parse({
    profileKey: '~01abc',
    name: 'Jane D.',
    title: 'Developer',
    jobSuccessScore: 96,
    jssHidden: false,
    topRated: 'TOP_RATED_PLUS',
    totalEarnings: 123_456,
    earningsHidden: false,
    currency: 'USD',
    totalHours: 2345.6,
    totalJobs: 48,
    hourlyRate: 65,
    lastWorkedAt: '2026-03-01T12:00:00Z',
    availability: 'More than 30 hrs/week',
    idVerified: true,
    country: 'Ukraine',
    timezone: 'Europe/Kyiv',
  });

  it('shows the track record', () => {
    const card = readyCard(freelancerCard(base, NOW));
    expect(rowMap(card.rows)).toMatchObject({
      jss: '96%',
      topRated: 'Top Rated Plus',
      earnings: '$123K',
      hours: '2,346',
      jobs: '48',
      rate: '$65/hr',
      lastWorked: '1 week ago',
      availability: 'More than 30 hrs/week',
      idVerified: '✓ verified',
      localTime: '2:00 PM (UTC+2)',
    });
  });

  it('says "hidden by the freelancer" and never shows hidden values', () => {
    const hidden = { ...base, jssHidden: true, jobSuccessScore: null, earningsHidden: true, totalEarnings: null };
    const card = readyCard(freelancerCard(hidden, NOW));
    expect(rowValue(card.rows, 'jss')).toBe('hidden by the freelancer');
    expect(rowValue(card.rows, 'earnings')).toBe('hidden by the freelancer');
    // Even if a value slipped through with the hidden flag set, it is not shown.
    const leaky = readyCard(freelancerCard({ ...base, jssHidden: true, earningsHidden: true }, NOW));
    expect(JSON.stringify(leaky.rows)).not.toMatch(/96%|123K/);
  });

  it('flags no risk on a steady record, nor on values the freelancer hides', () => {
    expect(freelancerRisks(base, NOW)).toEqual({});
    expect(freelancerRisks({ ...base, jssHidden: true, jobSuccessScore: null, idVerified: null, lastWorkedAt: null }, NOW)).toEqual({});
    const card = readyCard(freelancerCard(base, NOW));
    expect(card.rows.filter((row) => row.tone === 'warn')).toEqual([]);
  });

  it('flags a break of more than 90 days, Job Success under 80% and an unverified identity, in words and the warn tone', () => {
    const day = 24 * 3600_000;
    const at = (days: number) => new Date(NOW.getTime() - days * day).toISOString();
    expect(Object.keys(freelancerRisks({ ...base, lastWorkedAt: at(90) }, NOW))).toEqual([]);
    expect(Object.keys(freelancerRisks({ ...base, lastWorkedAt: at(91), jobSuccessScore: 79, idVerified: false }, NOW))).toEqual([
      'lastWorked',
      'jss',
      'idVerified',
    ]);
    expect(Object.keys(freelancerRisks({ ...base, jobSuccessScore: 80 }, NOW))).toEqual([]);
    const card = readyCard(freelancerCard({ ...base, lastWorkedAt: at(150), jobSuccessScore: 72.4, idVerified: false }, NOW));
    const row = (key: string) => card.rows.find((r) => r.key === key);
    expect(row('lastWorked')).toMatchObject({ value: '⚠ 5 months ago, a long break', tone: 'warn' });
    expect(row('lastWorked')?.title).toContain('more than 90 days');
    expect(row('jss')).toMatchObject({ value: '⚠ 72%, low', tone: 'warn' });
    expect(row('idVerified')).toMatchObject({ value: '⚠ not verified', tone: 'warn' });
    // Unknown is not a risk: Upwork didn't say.
    expect(readyCard(freelancerCard({ ...base, idVerified: null }, NOW)).rows.find((r) => r.key === 'idVerified')).toMatchObject({
      value: 'unknown',
      tone: 'muted',
    });
  });
});
