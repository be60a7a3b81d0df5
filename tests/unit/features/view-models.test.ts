// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { freelancerCard, freelancerRisks } from '../../../lib/features/freelancer-profile-stats';
import { jobActivityCard, qualificationItems } from '../../../lib/features/job-detail-activity';
import { notOnTile, renderRows } from '../../../lib/features/job-tile-client-panel';
import type { CardModel } from '../../../lib/page/views';
import { clientStatRows, partialClientRows } from '../../../lib/present/client-rows';
import { type FreelancerStats, freelancerStatsSchema } from '../../../lib/upwork/model';
import { makeDetail, makeJob } from './support';

const NOW = new Date('2026-03-10T12:00:00Z'); // 7:00 AM in Chicago (daylight time since March 8), 1:00 PM in Berlin (CET)

const rowValue = (rows: { key: string; value: string }[], key: string) => rows.find((row) => row.key === key)?.value;
const ready = (model: CardModel) => {
  if (model.state !== 'ready') throw new Error(`expected a ready card, got ${model.state}`);
  return model;
};

describe('tile client stats', () => {
  it('never shows a hire rate above 100 %: more hires than jobs is hires per job', () => {
    const many = clientStatRows(makeJob('1', {}, { totalHires: 14, totalPostedJobs: 10, hireRate: 1.4 }), NOW);
    expect(rowValue(many, 'hireRate')).toBeUndefined();
    expect(rowValue(many, 'hiresPerJob')).toBe('1.4 hires per job');
    expect(rowValue(clientStatRows(makeJob('1', {}, { totalHires: 31, totalPostedJobs: 10 }), NOW), 'hiresPerJob')).toBe(
      '3.1 hires per job',
    );
    expect(rowValue(clientStatRows(makeJob('1', {}, { totalHires: 10, totalPostedJobs: 10 }), NOW), 'hireRate')).toBe('100%');
    expect(rowValue(clientStatRows(makeJob('1', {}, { totalHires: 0, totalPostedJobs: 0 }), NOW), 'hireRate')).toBeUndefined();
  });

  it('leaves out a row whose very value the tile shows, and keeps what the tile rounds or lacks', () => {
    const tile = (spent: string, feedback: string, country: string) => {
      const element = document.createElement('article');
      for (const [test, text] of [
        ['payment-verified', 'Payment verified'],
        ['total-spent', spent],
        ['total-feedback', feedback],
        ['location', country],
      ] as const) {
        const item = document.createElement('span');
        item.dataset.test = test;
        item.textContent = text;
        element.append(item);
      }
      return element;
    };
    const rows = [
      { key: 'payment', label: '', value: '✓ Payment verified' },
      { key: 'spent', label: 'Spent', value: '$0' },
      { key: 'rating', label: '★', value: 'No reviews yet' },
      { key: 'location', label: '', value: 'Australia' },
      { key: 'hires', label: 'Hires', value: '0' },
    ];
    expect(notOnTile(tile('$0 spent', 'No reviews yet', 'Australia'), rows).map((row) => row.key)).toEqual(['hires']);
    const rounded = [
      { key: 'spent', label: 'Spent', value: '$12,345,679' },
      { key: 'rating', label: '★', value: '4.4 (4,987 reviews)' },
      { key: 'location', label: '', value: 'Toronto, Canada' },
    ];
    expect(notOnTile(tile('$12M+ spent', '4.40', 'Canada'), rounded)).toEqual(rounded);
  });

  it('shows what the API knows, formatted', () => {
    const rows = clientStatRows(makeJob('1'), NOW);
    expect(rows.map((row) => row.key)).toEqual([
      'payment',
      'rating',
      'spent',
      'hires',
      'hireRate',
      'jobsPosted',
      'location',
      'localTime',
      'proposals',
    ]);
    expect(rowValue(rows, 'payment')).toBe('✓ Payment verified');
    expect(rowValue(rows, 'rating')).toBe('4.87 (11 reviews)');
    expect(rowValue(rows, 'spent')).toBe('$20,500');
    expect(rowValue(rows, 'hires')).toBe('15');
    expect(rowValue(rows, 'hireRate')).toBe('47%');
    expect(rowValue(rows, 'jobsPosted')).toBe('32');
    expect(rowValue(rows, 'location')).toBe('Austin, United States');
    expect(rowValue(rows, 'localTime')).toBe('7:00 AM');
    expect(rowValue(rows, 'proposals')).toBe('12');
  });

  it('leaves out what is unknown instead of inventing it, and says when spend is private', () => {
    const job = makeJob(
      '2',
      { totalApplicants: null },
      {
        totalSpent: null,
        hasFinancialPrivacy: true,
        hireRate: null,
        totalPostedJobs: 0,
        totalHires: 0,
        rating: null,
        totalReviews: 0,
        paymentVerified: false,
        country: null,
        city: null,
        timezone: null,
        utcOffsetMinutes: null,
      },
    );
    const rows = clientStatRows(job, NOW);
    expect(rows.map((row) => row.key)).toEqual(['payment', 'rating', 'spent', 'hires', 'jobsPosted']);
    expect(rowValue(rows, 'payment')).toBe('Payment not verified');
    expect(rowValue(rows, 'rating')).toBe('No reviews yet');
    expect(rowValue(rows, 'spent')).toBe('hidden by the client');
    expect(rows.some((row) => /rate paid/i.test(row.label))).toBe(false);
  });

  it('uses the fixed offset when the zone is unknown', () => {
    const rows = clientStatRows(makeJob('3', {}, { timezone: null, utcOffsetMinutes: 330 }), NOW);
    expect(rowValue(rows, 'localTime')).toBe('5:30 PM');
  });

  it('without stats, shows what the job detail tells about the client', () => {
    const rows = partialClientRows({ country: 'India', city: 'Pune', timezone: 'Asia/Kolkata', paymentVerified: false }, NOW);
    expect(rows.map((row) => [row.key, row.value])).toEqual([
      ['payment', 'Payment not verified'],
      ['location', 'Pune, India'],
      ['localTime', '5:30 PM'],
    ]);
    expect(partialClientRows({ country: null, city: null, timezone: null, paymentVerified: null }, NOW)).toEqual([]);
  });

  it('renders values as text, never markup', () => {
    const container = document.createElement('div');
    renderRows(container, [{ key: 'location', label: '', value: '<img src=x onerror=alert(1)>' }], 'stats');
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(container.querySelector('[data-loupe-stat="location"]')).not.toBeNull();
  });
});

describe('job activity card', () => {
  it('shows activity, local time, overlap, questions and qualifications', () => {
    const card = ready(jobActivityCard(makeDetail('1'), NOW, { name: 'Europe/Berlin', offsetMinutes: 60 }));
    expect(rowValue(card.rows, 'lastSeen')).toBe('3 hours ago');
    expect(rowValue(card.rows, 'invitesSent')).toBe('4');
    expect(rowValue(card.rows, 'unansweredInvites')).toBe('1');
    expect(rowValue(card.rows, 'interviewing')).toBe('2');
    expect(rowValue(card.rows, 'hired')).toBe('1 of 2');
    expect(rowValue(card.rows, 'localTime')).toBe('1:00 PM (UTC+1)');
    expect(rowValue(card.rows, 'overlap')).toBe('8 h (9:00–17:00 your time)');
    expect(card.lists.map((list) => list.key)).toEqual(['overlapHow', 'screeningQuestions', 'qualifications']);
    expect(card.lists[1]?.items).toEqual(['Describe a similar project.', '<b>not bold</b>']);
  });

  it('says how the overlap was worked out: both zones and where they come from, the hours assumed, the result', () => {
    const detail = makeDetail('1', {
      client: { country: 'United States', city: null, timezone: 'America/New_York', paymentVerified: true },
    });
    const card = ready(jobActivityCard(detail, NOW, { name: 'Europe/Berlin', offsetMinutes: 60 }));
    const how = card.lists.find((list) => list.key === 'overlapHow');
    expect(how?.open).toBe(false);
    expect(how?.items).toEqual([
      'Client’s time zone: America/New_York (UTC−4 today), from the client’s details on Upwork.',
      'Your time zone: Europe/Berlin (UTC+1 today), from this browser’s settings.',
      'Working hours are taken as 9:00–17:00 on both sides: Upwork doesn’t say when the client works.',
      'Result: 3 h when both of you are within 9:00–17:00, 14:00–17:00 your time.',
    ]);
    expect(rowValue(card.rows, 'overlap')).toBe('3 h (14:00–17:00 your time)');
    // A fixed offset is said as such; no overlap is said in words.
    const fixed = makeDetail('1', { client: { country: 'Japan', city: null, timezone: 'UTC+09:00', paymentVerified: true } });
    const far = ready(jobActivityCard(fixed, NOW, { name: null, offsetMinutes: -300 })).lists.find((list) => list.key === 'overlapHow');
    expect(far?.items[0]).toBe('Client’s time zone: UTC+9, from the client’s details on Upwork.');
    expect(far?.items[1]).toBe('Your time zone: UTC−5, from this browser’s settings.');
    expect(far?.items[3]).toBe('Result: no hour when both of you are within 9:00–17:00.');
    // A browser set to UTC names no zone beyond the offset.
    const utc = ready(jobActivityCard(fixed, NOW, { name: 'UTC', offsetMinutes: 0 })).lists.find((list) => list.key === 'overlapHow');
    expect(utc?.items[1]).toBe('Your time zone: UTC, from this browser’s settings.');
  });

  it('lists the client’s other jobs Loupe has seen as links to Upwork, with when each was posted', () => {
    const others = [
      { id: '22', title: 'Logo <b>refresh</b>', postedAt: NOW.getTime() - 2 * 24 * 3600_000 },
      { id: '23', title: '', postedAt: 0 },
    ];
    const card = ready(jobActivityCard(makeDetail('1'), NOW, { name: null, offsetMinutes: 60 }, others));
    const list = card.lists.find((l) => l.key === 'otherJobs');
    expect(list?.title).toBe('This client’s other jobs Loupe has seen (2)');
    expect(list?.open).toBe(true);
    expect(list?.items).toEqual([
      { text: 'Logo <b>refresh</b>', href: 'https://www.upwork.com/jobs/~0222', note: 'posted 2 days ago' },
      { text: 'Untitled job', href: 'https://www.upwork.com/jobs/~0223' },
    ]);
    expect(ready(jobActivityCard(makeDetail('1'), NOW, { name: null, offsetMinutes: 60 })).lists.map((l) => l.key)).not.toContain(
      'otherJobs',
    );
  });

  it('reports no overlap plainly', () => {
    const detail = makeDetail('1', { client: { country: 'Japan', city: null, timezone: 'Asia/Tokyo', paymentVerified: true } });
    const card = ready(jobActivityCard(detail, NOW, { name: null, offsetMinutes: -300 }));
    expect(rowValue(card.rows, 'overlap')).toBe('none');
  });

  it('keeps unreadable activity text as the API gave it and omits the clock without a zone', () => {
    const base = makeDetail('1');
    const detail = makeDetail('1', {
      activity: { ...base.activity, lastClientActivity: 'yesterday' },
      client: { ...base.client, timezone: null },
      screeningQuestions: [],
    });
    const card = ready(jobActivityCard(detail, NOW, { name: null, offsetMinutes: 0 }));
    expect(rowValue(card.rows, 'lastSeen')).toBe('yesterday');
    expect(rowValue(card.rows, 'localTime')).toBeUndefined();
    expect(card.lists.map((list) => list.key)).toEqual(['qualifications']);
  });

  it('lists qualifications in words', () => {
    expect(qualificationItems(makeDetail('1').qualifications)).toEqual([
      'Job Success Score 90% or more',
      'Rising Talent welcome',
      'English: Fluent',
      'At least 100 hours worked on Upwork',
      'Located in: United States',
    ]);
  });
});

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
    const card = ready(freelancerCard(base, NOW));
    expect(rowValue(card.rows, 'jss')).toBe('96%');
    expect(rowValue(card.rows, 'topRated')).toBe('Top Rated Plus');
    expect(rowValue(card.rows, 'earnings')).toBe('$123K');
    expect(rowValue(card.rows, 'hours')).toBe('2,346');
    expect(rowValue(card.rows, 'jobs')).toBe('48');
    expect(rowValue(card.rows, 'rate')).toBe('$65/hr');
    expect(rowValue(card.rows, 'lastWorked')).toBe('1 week ago');
    expect(rowValue(card.rows, 'availability')).toBe('More than 30 hrs/week');
    expect(rowValue(card.rows, 'idVerified')).toBe('✓ verified');
    expect(rowValue(card.rows, 'localTime')).toBe('2:00 PM (UTC+2)');
  });

  it('says "hidden by the freelancer" and never shows hidden values', () => {
    const hidden = { ...base, jssHidden: true, jobSuccessScore: null, earningsHidden: true, totalEarnings: null };
    const card = ready(freelancerCard(hidden, NOW));
    expect(rowValue(card.rows, 'jss')).toBe('hidden by the freelancer');
    expect(rowValue(card.rows, 'earnings')).toBe('hidden by the freelancer');
    // Even if a value slipped through with the hidden flag set, it is not shown.
    const leaky = ready(freelancerCard({ ...base, jssHidden: true, earningsHidden: true }, NOW));
    expect(JSON.stringify(leaky.rows)).not.toMatch(/96%|123K/);
  });

  it('flags no risk on a steady record, nor on values the freelancer hides', () => {
    expect(freelancerRisks(base, NOW)).toEqual({});
    expect(freelancerRisks({ ...base, jssHidden: true, jobSuccessScore: null, idVerified: null, lastWorkedAt: null }, NOW)).toEqual({});
    const card = ready(freelancerCard(base, NOW));
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
    const card = ready(freelancerCard({ ...base, lastWorkedAt: at(150), jobSuccessScore: 72.4, idVerified: false }, NOW));
    const row = (key: string) => card.rows.find((r) => r.key === key);
    expect(row('lastWorked')).toMatchObject({ value: '⚠ 5 months ago, a long break', tone: 'warn' });
    expect(row('lastWorked')?.title).toContain('more than 90 days');
    expect(row('jss')).toMatchObject({ value: '⚠ 72%, low', tone: 'warn' });
    expect(row('idVerified')).toMatchObject({ value: '⚠ not verified', tone: 'warn' });
    // Unknown is not a risk: Upwork didn't say.
    expect(ready(freelancerCard({ ...base, idVerified: null }, NOW)).rows.find((r) => r.key === 'idVerified')).toMatchObject({
      value: 'unknown',
      tone: 'muted',
    });
  });
});
