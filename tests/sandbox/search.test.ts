import { describe, expect, it } from 'vitest';
import { graphql, signedInSandbox } from './helpers';

const env = signedInSandbox();

const QUERY = `query S($filter: MarketplaceJobPostingsSearchFilter, $sort: [MarketplaceJobPostingSearchSortAttribute]) {
  marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter, searchType: USER_JOBS_SEARCH, sortAttributes: $sort) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id title description publishedDateTime experienceLevel totalApplicants amount { rawValue }
      hourlyBudgetMin { rawValue } hourlyBudgetMax { rawValue } skills { prettyName } occupations { category { id } }
      client { totalHires totalFeedback totalSpent { rawValue } verificationStatus location { country } } } }
  }
}`;

interface Node {
  id: string;
  title: string;
  description: string;
  publishedDateTime: string;
  experienceLevel: string;
  totalApplicants: number | null;
  amount: { rawValue: string };
  hourlyBudgetMin: { rawValue: string } | null;
  hourlyBudgetMax: { rawValue: string } | null;
  skills: { prettyName: string }[];
  occupations: { category: { id: string } };
  client: {
    totalHires: number;
    totalFeedback: number;
    totalSpent: { rawValue: string } | null;
    verificationStatus: string | null;
    location: { country: string } | null;
  };
}
interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: Node }[];
}

async function search(filter: Record<string, unknown>, sort?: string): Promise<Connection> {
  const answer = await graphql(env.sandbox, env.token, QUERY, {
    filter: { pagination_eq: { first: 100 }, ...filter },
    sort: sort ? [{ field: sort }] : null,
  });
  const body = answer.json();
  expect(body.errors).toBeUndefined();
  return (body.data as { marketplaceJobPostingsSearch: Connection }).marketplaceJobPostingsSearch;
}
const jobOf = (node: Node) => {
  const job = env.sandbox.dataset.jobs.find((j) => j.id === node.id);
  if (!job) throw new Error(`unknown job ${node.id}`);
  return job;
};

describe('marketplaceJobPostingsSearch filters', () => {
  it('matches every word of searchExpression_eq in title, description or skills, ignoring case', async () => {
    const result = await search({ searchExpression_eq: 'REACT typescript' });
    expect(result.totalCount).toBeGreaterThan(0);
    expect(result.totalCount).toBeLessThan(env.sandbox.dataset.jobs.length);
    for (const { node } of result.edges) {
      const text = `${node.title} ${node.description} ${node.skills.map((s) => s.prettyName).join(' ')}`.toLowerCase();
      expect(text).toContain('react');
      expect(text).toContain('typescript');
    }
    const expected = env.sandbox.dataset.jobs.filter((j) =>
      ['react', 'typescript'].every((w) => `${j.title}\n${j.description}\n${j.skills.join('\n')}`.toLowerCase().includes(w)),
    );
    expect(result.totalCount).toBe(expected.length);
  });

  it('finds non-Latin and markup-looking text as plain words', async () => {
    expect((await search({ searchExpression_eq: 'Нужен' })).edges.map((e) => e.node.title)).toContain(
      'Нужен разработчик React для админ-панели',
    );
    const markup = await search({ titleExpression_eq: 'onerror=alert(1)>' });
    expect(markup.edges[0]?.node.title).toBe('<img src=x onerror=alert(1)> Image gallery fix');
  });

  it('filters by job type, experience, verified payment, hires, proposals, budget, hourly rate, location and category', async () => {
    const fixed = await search({ jobType_eq: 'FIXED' });
    expect(fixed.edges.every((e) => jobOf(e.node).jobType === 'FIXED')).toBe(true);
    const expert = await search({ experienceLevel_eq: 'EXPERT' });
    expect(expert.edges.every((e) => e.node.experienceLevel === 'EXPERT')).toBe(true);
    const verified = await search({ verifiedPaymentOnly_eq: true });
    expect(verified.edges.every((e) => e.node.client.verificationStatus === 'VERIFIED')).toBe(true);
    const hires = await search({ clientHiresRange_eq: { rangeStart: 10, rangeEnd: 50 } });
    expect(hires.edges.every((e) => e.node.client.totalHires >= 10 && e.node.client.totalHires <= 50)).toBe(true);
    const proposals = await search({ proposalRange_eq: { rangeEnd: 4 } });
    expect(proposals.edges.every((e) => (e.node.totalApplicants ?? 0) <= 4)).toBe(true);
    const budget = await search({ budgetRange_eq: { rangeStart: 1000, rangeEnd: 2000 } });
    expect(budget.edges.every((e) => Number(e.node.amount.rawValue) >= 1000 && Number(e.node.amount.rawValue) <= 2000)).toBe(true);
    const hourly = await search({ hourlyRate_eq: { rangeStart: 100 } });
    expect(hourly.edges.every((e) => Number(e.node.hourlyBudgetMax?.rawValue ?? e.node.hourlyBudgetMin?.rawValue) >= 100)).toBe(true);
    const japan = await search({ locations_any: ['Japan'] });
    expect(japan.edges.every((e) => e.node.client.location?.country === 'Japan')).toBe(true);
    const category = env.sandbox.dataset.jobs[0]?.category.id ?? '';
    const inCategory = await search({ categoryIds_any: [category] });
    expect(inCategory.edges.every((e) => e.node.occupations.category.id === category)).toBe(true);
    for (const r of [fixed, expert, verified, hires, proposals, budget, hourly, japan, inCategory]) {
      expect(r.totalCount).toBeGreaterThan(0);
      expect(r.totalCount).toBeLessThan(env.sandbox.dataset.jobs.length);
    }
  });

  it('filters by skills only with skillExpression_eq', async () => {
    const result = await search({ skillExpression_eq: 'docker' });
    expect(result.totalCount).toBeGreaterThan(0);
    expect(result.edges.every((e) => e.node.skills.some((s) => s.prettyName === 'Docker'))).toBe(true);
  });
});

describe('sorting', () => {
  it('defaults to RECENCY, newest first', async () => {
    const result = await search({});
    const times = result.edges.map((e) => Date.parse(e.node.publishedDateTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await search({}, 'RECENCY')).edges.map((e) => e.node.id)).toEqual(result.edges.map((e) => e.node.id));
  });

  it('sorts by client spend and by client rating, highest first', async () => {
    const spend = (await search({}, 'CLIENT_TOTAL_CHARGE')).edges
      .map((e) => jobOf(e.node).clientId)
      .map((id) => env.sandbox.dataset.clients.find((c) => c.id === id)?.totalSpent ?? 0);
    expect(spend).toEqual([...spend].sort((a, b) => b - a));
    const rating = (await search({}, 'CLIENT_RATING')).edges.map((e) => e.node.client.totalFeedback);
    expect(rating).toEqual([...rating].sort((a, b) => b - a));
  });

  it('puts title matches first with RELEVANCE', async () => {
    const result = await search({ searchExpression_eq: 'dashboard' }, 'RELEVANCE');
    const inTitle = result.edges.map((e) => e.node.title.toLowerCase().includes('dashboard'));
    expect(inTitle[0]).toBe(true);
    expect(inTitle.indexOf(false) === -1 || inTitle.slice(inTitle.indexOf(false)).every((x) => !x)).toBe(true);
  });
});

describe('pagination', () => {
  it('defaults to 10, pages by offset cursors, and caps first at 100', async () => {
    const answer = await graphql(env.sandbox, env.token, QUERY, {});
    const first = (answer.json().data as { marketplaceJobPostingsSearch: Connection }).marketplaceJobPostingsSearch;
    expect(first.edges).toHaveLength(10);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: '10' });
    expect(first.edges.map((e) => e.cursor)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const all = await search({ pagination_eq: { first: 30, after: '0' } });
    const second = await search({ pagination_eq: { first: 10, after: '10' } });
    expect(second.edges.map((e) => e.node.id)).toEqual(all.edges.slice(10, 20).map((e) => e.node.id));
    expect((await search({ pagination_eq: { first: 500 } })).edges).toHaveLength(100);
    const last = await search({ pagination_eq: { first: 10, after: String(env.sandbox.dataset.jobs.length - 3) } });
    expect(last.edges).toHaveLength(3);
    expect(last.pageInfo.hasNextPage).toBe(false);
  });
});

describe('addJobs', () => {
  it('publishes new jobs at the top of a RECENCY search, newest first', async () => {
    const added = env.sandbox.addJobs(3, { title: 'Fresh alert job' });
    const top = await search({ pagination_eq: { first: 3 } });
    expect(top.edges.map((e) => e.node.id)).toEqual(added.map((j) => j.id));
    expect(added.every((j) => j.title === 'Fresh alert job')).toBe(true);
    expect(BigInt(added[0]?.id ?? 0) > BigInt(added[1]?.id ?? 0)).toBe(true);
  });
});
