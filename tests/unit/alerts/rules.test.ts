import { describe, expect, it } from 'vitest';
import { feedCopy } from '../../../lib/alerts/store';
import { badgeText, groupNotification, jobNotification, plainText } from '../../../lib/alerts/text';
import { detectNew } from '../../../lib/background/alerts/detect';
import { apiFilterFor, normalizeFilters, sameSearch, searchFromRequest } from '../../../lib/background/alerts/filters';
import { alarmName, backoffDelayMs, clampInterval, isDue, MAX_BACKOFF_MS, searchIdOfAlarm } from '../../../lib/background/alerts/schedule';
import { isLeftOut } from '../../../lib/background/alerts/service';
import { searchFromUrl } from '../../../lib/features/save-search';
import type { ClientWithId } from '../../../lib/power/client-key';
import { defaultSettings } from '../../../lib/settings/schema';
import type { JobSummary } from '../../../lib/upwork/model';
import { jobSummarySchema } from '../../../lib/upwork/model';
import { makeJob } from '../power/job-fixture';

/** The shared realistic job, as an alert's search would find it: a fixed-price expert job by id. */
function job(id: string, overrides: Partial<JobSummary> = {}, client: Partial<ClientWithId> = {}): JobSummary {
  const { client: _client, ...rest } = overrides;
  return makeJob(
    {
      id,
      ciphertext: `~02${id}`,
      title: `Job ${id}`,
      description: 'A job',
      publishedAt: '2025-03-01T12:00:00.000Z',
      jobType: 'FIXED',
      fixedBudget: 500,
      hourlyMin: null,
      hourlyMax: null,
      experienceLevel: 'EXPERT',
      totalApplicants: 3,
      skills: [],
      ...rest,
    },
    { totalSpent: 15_230, ...client },
  );
}

describe('intervals, alarms and backoff', () => {
  it('keeps intervals whole, at least 5 minutes and at most a day; unreadable values get the default', () => {
    expect(clampInterval(1)).toBe(5);
    expect(clampInterval(4.4)).toBe(5);
    expect(clampInterval(7.6)).toBe(8);
    expect(clampInterval(15)).toBe(15);
    expect(clampInterval(10_000)).toBe(1440);
    expect(clampInterval(Number.NaN)).toBe(15);
    expect(clampInterval('30')).toBe(15);
  });

  it('names one alarm per saved search and recognises only its own', () => {
    expect(alarmName('s1')).toBe('alert:s1');
    expect(searchIdOfAlarm('alert:s1')).toBe('s1');
    expect(searchIdOfAlarm('alert:')).toBeNull();
    expect(searchIdOfAlarm('other')).toBeNull();
  });

  it('retries at the next alarm after one failure, then doubles the wait, capped at six hours', () => {
    expect(backoffDelayMs(1, 15)).toBe(0);
    expect(backoffDelayMs(2, 15)).toBe(30 * 60_000);
    expect(backoffDelayMs(3, 15)).toBe(60 * 60_000);
    expect(backoffDelayMs(4, 15)).toBe(120 * 60_000);
    expect(backoffDelayMs(20, 15)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelayMs(2, 1)).toBe(10 * 60_000); // the interval is clamped first
    expect(isDue(null, 0)).toBe(true);
    expect(isDue(100_000, 100_000 - 20_000)).toBe(true); // an alarm firing a little early still counts
    expect(isDue(100_000, 100_000 - 60_000)).toBe(false);
  });
});

describe('new-job detection', () => {
  const created = Date.parse('2025-03-01T12:00:00.000Z');
  const at = (minutes: number) => new Date(created + minutes * 60_000).toISOString();

  it('alerts only about unseen jobs published after the search was made (a minute of clock skew allowed)', () => {
    const results = [job('5', { publishedAt: at(3) }), job('4', { publishedAt: at(-0.5) }), job('3', { publishedAt: at(-90) })];
    const first = detectNew(results, [], created);
    expect(first.fresh.map((j) => j.id)).toEqual(['5', '4']);
    expect(first.seen).toEqual(['3', '4', '5']);
    const second = detectNew([job('6', { publishedAt: at(10) }), ...results], first.seen, created);
    expect(second.fresh.map((j) => j.id)).toEqual(['6']);
  });

  it('counts a job without a publish time as new once, and forgets the oldest ids past the bound', () => {
    const undated = job('7', { publishedAt: null });
    expect(detectNew([undated], [], created).fresh).toHaveLength(1);
    expect(detectNew([undated], ['7'], created).fresh).toHaveLength(0);
    const bounded = detectNew([job('9', { publishedAt: at(1) })], ['1', '2', '3'], created, 3);
    expect(bounded.seen).toEqual(['2', '3', '9']);
  });
});

describe('what is left out of alerts', () => {
  const search = searchFromRequest({ query: 'react' }, 's1', 0);
  const lists = { rules: defaultSettings().rules, blockList: { clients: [{ clientId: 'org-7', label: '', reason: '', addedAt: 1 }] } };

  it('leaves out blocked clients always, and jobs the rules hide unless the search opts out', () => {
    expect(isLeftOut(job('1', {}, { companyUid: 'org-7' }), search, lists)).toBe(true);
    expect(isLeftOut(job('2', {}, { companyUid: 'org-8' }), search, lists)).toBe(false);
    const strict = { ...lists, rules: { ...lists.rules, minClientSpend: { enabled: true, action: 'hide' as const, amount: 20_000 } } };
    expect(isLeftOut(job('3'), search, strict)).toBe(true);
    const optedOut = { ...search, filters: { ...search.filters, applyRules: false } };
    expect(isLeftOut(job('3'), optedOut, strict)).toBe(false);
    expect(isLeftOut(job('4', {}, { companyUid: 'org-7' }), optedOut, strict)).toBe(true);
    const dimOnly = { ...lists, rules: { ...lists.rules, minClientSpend: { enabled: true, action: 'dim' as const, amount: 20_000 } } };
    expect(isLeftOut(job('5'), search, dimOnly)).toBe(false);
  });

  it('keeps a feed copy the strict model schema reads back, even when the parser adds fields', () => {
    const copy = feedCopy(job('1', { description: 'x'.repeat(1_000) }, { companyUid: 'org-7' }));
    expect(jobSummarySchema.parse(copy).description.length).toBeLessThanOrEqual(300);
  });
});

describe('notification text', () => {
  it('is plain, capped text with budget and client spend', () => {
    const text = jobNotification(job('1', { title: 'React\u0000 dev\u202e\nneeded', fixedBudget: 1_500 }), 'react');
    expect(text.title).toBe('React dev needed');
    expect(text.message).toBe('Fixed price $1.5K · client spent $15K');
    const hourly = jobNotification(
      job('2', { jobType: 'HOURLY', hourlyMin: 25, hourlyMax: 60 }, { totalSpent: null, hasFinancialPrivacy: true }),
      'x',
    );
    expect(hourly.message).toBe('Hourly $25–$60/hr · client keeps spend private');
    expect(plainText('a'.repeat(200), 10)).toHaveLength(10);
  });

  it('groups many jobs into one line naming the search', () => {
    const jobs = Array.from({ length: 7 }, (_, i) => job(String(i + 1)));
    const text = groupNotification(jobs, 'react');
    expect(text.title).toBe('7 new jobs for “react”');
    expect(text.message).toContain('and 4 more');
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(150)).toBe('99+');
  });
});

describe('searches from search pages', () => {
  it('reads the words and the filters upwork.com writes into its search URLs', () => {
    const request = searchFromUrl(
      'https://www.upwork.com/nx/search/jobs/?q=react%20%20native&t=1&contractor_tier=3&payment_verified=1&client_hires=1-9,10-&amount=100-499,500-999&proposals=0-4,5-9&sort=recency&page=2',
    );
    expect(request).toEqual({
      query: 'react native',
      filters: {
        jobType: 'FIXED',
        experienceLevel: 'EXPERT',
        verifiedPaymentOnly: true,
        minClientHires: 1,
        budgetMin: 100,
        budgetMax: 999,
        maxProposals: 9,
      },
    });
    expect(searchFromUrl('https://www.upwork.com/nx/search/jobs/?q=vue&t=0,1&contractor_tier=1,2&hourly_rate=25-')).toEqual({
      query: 'vue',
      filters: { hourlyMin: 25 },
    });
    expect(searchFromUrl('https://www.upwork.com/nx/search/jobs/?amount=junk&client_hires=-')).toEqual({ query: '', filters: {} });
  });

  it('turns a saved search into the API filter, and knows two searches that ask the same thing', () => {
    const search = searchFromRequest(
      { query: 'react', filters: { jobType: 'HOURLY', hourlyMin: 30.5, hourlyMax: 20, maxProposals: 9 } },
      's1',
      0,
    );
    expect(search.filters).toMatchObject({ hourlyMin: 20, hourlyMax: 30.5, applyRules: true });
    expect(apiFilterFor(search)).toEqual({
      pagination_eq: { first: 50, after: '0' },
      searchExpression_eq: 'react',
      jobType_eq: 'HOURLY',
      hourlyRate_eq: { rangeStart: 20, rangeEnd: 31 },
      proposalRange_eq: { rangeStart: 0, rangeEnd: 9 },
    });
    expect(
      sameSearch(search, {
        query: ' React ',
        filters: normalizeFilters({ jobType: 'HOURLY', hourlyMin: 20, hourlyMax: 30.5, maxProposals: 9 }),
      }),
    ).toBe(true);
    expect(sameSearch(search, { query: 'react', filters: normalizeFilters({}) })).toBe(false);
  });

  it('starts a search with no filters but the user’s rules applied', () => {
    expect(normalizeFilters(undefined)).toEqual({
      jobType: null,
      experienceLevel: null,
      verifiedPaymentOnly: false,
      minClientHires: null,
      hourlyMin: null,
      hourlyMax: null,
      budgetMin: null,
      budgetMax: null,
      maxProposals: null,
      applyRules: true,
    });
  });
});
