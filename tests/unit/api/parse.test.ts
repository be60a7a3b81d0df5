import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/upwork/api/errors';
import { moneyToNumber } from '../../../lib/upwork/api/money';
import { BatchCasualtyError, splitBatch } from '../../../lib/upwork/api/parse-batch';
import { parseFreelancer, topRatedOf } from '../../../lib/upwork/api/parse-freelancer';
import { parseJobDetail } from '../../../lib/upwork/api/parse-job-detail';
import { parseMe } from '../../../lib/upwork/api/parse-me';
import { parseJobSearch } from '../../../lib/upwork/api/parse-search';
import { parseUtcOffset } from '../../../lib/upwork/api/parse-util';
import { rawFreelancer, rawJobDetail, rawSearch, rawSearchNode } from './raw-fixtures';

function invalidDataMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('invalid-data');
    return (error as ApiError).message;
  }
  throw new Error('expected an invalid-data ApiError');
}

describe('moneyToNumber', () => {
  it.each([
    ['1234.50', 1234.5],
    ['0', 0],
    ['1,234.5', 1234.5],
    ['  7 ', 7],
    ['-3.25', -3.25],
    ['', null],
    ['abc', null],
    ['1.2.3', null],
    [null, null],
    [undefined, null],
  ])('%j -> %j', (raw, expected) => {
    expect(moneyToNumber(raw)).toBe(expected);
  });
});

describe('parseUtcOffset', () => {
  it.each([
    ['UTC+05:30', 330],
    ['+05:30', 330],
    ['-0800', -480],
    ['UTC+2', 120],
    ['GMT-3', -180],
    ['UTC', 0],
    ['UTC+00:00', 0],
    ['UTC-03:30', -210],
    ['19800', 330],
    ['-18000', -300],
    ['3600', 60],
    ['5.5', 330],
    [19800, 330],
    ['+0545', 345],
    ['UTC+25:00', null],
    ['Eastern', null],
    ['', null],
    [null, null],
  ])('%j -> %j', (raw, expected) => {
    expect(parseUtcOffset(raw)).toBe(expected);
  });
});

describe('parseJobSearch', () => {
  it('normalizes a search node into a JobSummary with client stats', () => {
    const { jobs, skipped } = parseJobSearch(rawSearch([rawSearchNode()]));
    expect(skipped).toEqual([]);
    const job = jobs[0];
    expect(job).toMatchObject({
      id: '2024696422907076268',
      jobType: 'HOURLY',
      fixedBudget: null,
      hourlyMin: 25,
      hourlyMax: 60.5,
      skills: ['React', 'typescript'],
    });
    expect(job?.client).toEqual({
      totalSpent: 15230.75,
      currency: 'USD',
      totalHires: 9,
      totalPostedJobs: 12,
      hireRate: 9 / 12,
      totalReviews: 7,
      rating: 4.86,
      paymentVerified: true,
      country: 'India',
      city: 'Pune',
      timezone: 'Asia/Kolkata',
      utcOffsetMinutes: 330,
      hasFinancialPrivacy: false,
    });
  });

  it('has no hire rate before any job was posted and no rating without reviews', () => {
    const node = rawSearchNode(
      {},
      { totalHires: 0, totalPostedJobs: 0, totalReviews: 0, totalFeedback: 0, verificationStatus: null, totalSpent: null },
    );
    const client = parseJobSearch(rawSearch([node])).jobs[0]?.client;
    expect(client).toMatchObject({ hireRate: null, rating: null, paymentVerified: false, totalSpent: null });
  });

  it('reads fixed-price jobs from the amount', () => {
    const node = rawSearchNode({
      hourlyBudgetType: null,
      hourlyBudgetMin: null,
      hourlyBudgetMax: null,
      amount: { rawValue: '500', currency: 'EUR' },
    });
    expect(parseJobSearch(rawSearch([node])).jobs[0]).toMatchObject({
      jobType: 'FIXED',
      fixedBudget: 500,
      currency: 'EUR',
      hourlyMin: null,
    });
  });

  it('names the job and the field when the schema drifted', () => {
    const node = rawSearchNode({ id: '123' });
    delete (node.client as Record<string, unknown>).totalHires;
    expect(invalidDataMessage(() => parseJobSearch(rawSearch([node])))).toBe("Upwork's answer for job 123 was missing client.totalHires.");
    const wrongType = rawSearchNode({ id: '124' }, { totalSpent: { rawValue: 100, currency: 'USD' } });
    expect(invalidDataMessage(() => parseJobSearch(rawSearch([wrongType])))).toContain('job 124 had client.totalSpent.rawValue as number');
  });

  it('leaves out one unreadable job but keeps the rest', () => {
    const bad = rawSearchNode({ id: '1', title: 42 });
    const good = rawSearchNode({ id: '2' });
    const result = parseJobSearch(rawSearch([bad, good]));
    expect(result.jobs.map((job) => job.id)).toEqual(['2']);
    expect(result.skipped).toEqual(["Upwork's answer for job 1 had title as number where string was expected."]);
  });

  it('refuses an answer with no search in it', () => {
    expect(invalidDataMessage(() => parseJobSearch({}))).toContain('marketplaceJobPostingsSearch');
  });
});

describe('parseJobDetail', () => {
  it('maps activity, questions in order and the partial client data', () => {
    const detail = parseJobDetail(rawJobDetail('55'), '55');
    expect(detail.activity).toEqual({
      lastClientActivity: '2025-05-01T12:00:00Z',
      invitesSent: 3,
      interviewing: 2,
      hired: 0,
      offered: 0,
      unansweredInvites: 1,
    });
    expect(detail.screeningQuestions).toEqual(['First?', 'Second?']);
    expect(detail.qualifications.countries).toEqual(['Canada']);
    expect(detail.client).toEqual({ country: 'Canada', city: 'Toronto', timezone: 'America/Toronto', paymentVerified: true });
    expect(detail.contractType).toBe('FIXED');
  });

  it('tolerates empty sections', () => {
    const detail = parseJobDetail(rawJobDetail('56', { activityStat: null, clientCompanyPublic: null, contractorSelection: null }), '56');
    expect(detail.activity.invitesSent).toBe(0);
    expect(detail.client.paymentVerified).toBeNull();
    expect(detail.screeningQuestions).toEqual([]);
  });
});

describe('parseFreelancer', () => {
  it('reads a visible profile', () => {
    const stats = parseFreelancer(rawFreelancer(), '~01abc');
    expect(stats).toMatchObject({
      name: 'Ada L.',
      jobSuccessScore: 97,
      totalEarnings: 120000,
      topRated: 'TOP_RATED',
      totalJobs: 31,
      hourlyRate: 85,
      idVerified: true,
    });
    expect(stats.earningsHidden).toBe(false);
  });

  it('respects hidden earnings and hidden JSS', () => {
    const stats = parseFreelancer(rawFreelancer({}, {}, { hideEarnings: true, hideJss: true }), '~01abc');
    expect(stats).toMatchObject({ totalEarnings: null, earningsHidden: true, jobSuccessScore: null, jssHidden: true });
  });

  it.each([
    ['TOP_RATED', 'NONE', 'TOP_RATED'],
    ['TOP_RATED', 'TOP_RATED_PLUS', 'TOP_RATED_PLUS'],
    ['top_rated_plus', null, 'TOP_RATED_PLUS'],
    ['not_eligible', 'active', 'TOP_RATED_PLUS'],
    ['active', 'not_eligible', 'TOP_RATED'],
    ['NONE', 'NONE', 'NONE'],
    [null, null, 'NONE'],
  ] as const)('topRatedStatus %j + plus %j -> %s', (plain, plus, expected) => {
    expect(topRatedOf(plain, plus)).toBe(expected);
  });
});

describe('parseMe', () => {
  it('lists organizations and keeps the tenant Loupe acts as', () => {
    const account = parseMe(
      {
        user: { id: 'u1', name: 'Sam P.', email: 'sam@example.com', photoUrl: null },
        organization: { id: 'org-default', name: 'Sam P.' },
        companySelector: { items: [{ title: 'Acme', organizationId: 'org-acme', typeTitle: 'Client' }] },
      },
      'org-acme',
    );
    expect(account.organizations.map((organization) => organization.id)).toEqual(['org-default', 'org-acme']);
    expect(account.activeOrganizationId).toBe('org-acme');
  });
});

describe('splitBatch', () => {
  it('gives each key its value, null for nothing there, or its own error', () => {
    const aliases = new Map([
      ['j0', '1'],
      ['j1', '2'],
      ['j2', '3'],
      ['j3', '4'],
    ]);
    const results = splitBatch(
      { j0: rawJobDetail('1'), j1: null, j2: null, j3: { id: '4', content: 7 } },
      [{ message: 'Posting is private', path: ['j2'] }],
      aliases,
      parseJobDetail,
    );
    expect((results.get('1') as { id: string }).id).toBe('1');
    expect(results.get('2')).toBeNull();
    expect(results.get('3')).toBeInstanceOf(ApiError);
    expect((results.get('3') as ApiError).message).toContain('Posting is private');
    expect((results.get('4') as ApiError).kind).toBe('invalid-data');
  });

  it('when one failed lookup emptied the whole answer, names it and marks the others to ask again', () => {
    const aliases = new Map([
      ['f0', '~01gone'],
      ['f1', '~01fine'],
      ['f2', '~01odd'],
    ]);
    const results = splitBatch(
      null,
      [
        { message: 'No freelancer profile found for key ~01gone', path: ['f0'] },
        { message: 'Internal failure', path: ['f2', 'aggregates'] },
      ],
      aliases,
      parseFreelancer,
    );
    expect(results.get('~01gone')).toBeNull();
    expect(results.get('~01fine')).toBeInstanceOf(BatchCasualtyError);
    expect((results.get('~01odd') as ApiError).message).toContain('Internal failure');
  });
});
