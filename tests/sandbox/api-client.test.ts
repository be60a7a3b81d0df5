import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createGraphQLClient } from '../../lib/upwork/api/client';
import { MAX_BATCH_SIZE } from '../../lib/upwork/api/operations';
import { BatchCasualtyError } from '../../lib/upwork/api/parse-batch';
import { createUpworkApi, type UpworkApi } from '../../lib/upwork/api/upwork-api';
import type { FreelancerStats, JobDetail } from '../../lib/upwork/model';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { apiFailure, fetchFor, SECRET_KEY_WITHOUT_PROFILES, sandboxTokens } from '../../testkit/sandbox-auth';

let sandbox: Sandbox;
let api: UpworkApi;
let auth: Awaited<ReturnType<typeof sandboxTokens>>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true, quiet: true, ratePerSecond: 1000 });
  auth = await sandboxTokens(sandbox);
  api = createUpworkApi(createGraphQLClient({ fetch: fetchFor(sandbox), tokens: auth.source }));
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.resetFaults();
  sandbox.clearLog();
  auth.setTenant(null);
});

const graphqlLog = () => sandbox.requestLog.filter((entry) => entry.path === '/graphql');

describe('Loupe’s GraphQL client against the sandbox', () => {
  it('reads the account and acts as the chosen organization', async () => {
    const account = await api.me();
    expect(account.userId).toBe(sandbox.dataset.user.id);
    expect(account.organizations.map((organization) => organization.id)).toEqual(
      sandbox.dataset.user.organizations.map((organization) => organization.id),
    );
    const other = sandbox.dataset.user.organizations.at(-1)?.id ?? null;
    auth.setTenant(other);
    expect((await api.me()).activeOrganizationId).toBe(other);
    expect(graphqlLog().map((entry) => entry.tenantId)).toEqual([null, other]);
  });

  it('searches and reads client stats as the dataset has them', async () => {
    const result = await api.searchJobs({ pagination_eq: { first: 10, after: '0' } });
    expect(result.jobs).toHaveLength(10);
    expect(result.skipped).toEqual([]);
    for (const job of result.jobs) {
      const record = sandbox.dataset.jobs.find((candidate) => candidate.id === job.id);
      const client = sandbox.dataset.clients.find((candidate) => candidate.id === record?.clientId);
      expect(client).toBeDefined();
      if (!record || !client) continue;
      expect(job.jobType).toBe(record.jobType);
      expect(job.client.totalHires).toBe(client.totalHires);
      expect(job.client.hireRate).toBe(client.totalPostedJobs > 0 ? client.totalHires / client.totalPostedJobs : null);
      expect(job.client.rating).toBe(client.totalReviews > 0 ? client.rating : null);
      expect(job.client.totalSpent).toBe(client.hasFinancialPrivacy ? null : client.totalSpent);
      expect(job.client.paymentVerified).toBe(client.paymentVerified);
    }
    const page2 = await api.searchJobs({ pagination_eq: { first: 10, after: '10' } });
    expect(page2.jobs.map((job) => job.id)).not.toContain(result.jobs[0]?.id);
  });

  it(`asks for 30 job details in ${Math.ceil(30 / MAX_BATCH_SIZE)} aliased requests, not 30`, async () => {
    const ids = sandbox.dataset.jobs.slice(0, 30).map((job) => job.id);
    const results = new Map<string, JobDetail | null | Error>();
    for (let start = 0; start < ids.length; start += MAX_BATCH_SIZE) {
      for (const [id, value] of await api.jobDetails(ids.slice(start, start + MAX_BATCH_SIZE))) results.set(id, value);
    }
    expect(results.size).toBe(30);
    for (const id of ids) expect((results.get(id) as JobDetail).id).toBe(id);
    expect(graphqlLog().map((entry) => [entry.operationName, entry.aliasCount])).toEqual([
      ['JobDetails', MAX_BATCH_SIZE],
      ['JobDetails', 30 - MAX_BATCH_SIZE],
    ]);
  });

  it('gives null for a job id that does not exist, next to real answers', async () => {
    const real = sandbox.dataset.jobs[0]?.id as string;
    const results = await api.jobDetails([real, '999999999999']);
    expect((results.get(real) as JobDetail).id).toBe(real);
    expect(results.get('999999999999')).toBeNull();
  });

  it('reads freelancers in one request and respects hidden earnings and JSS', async () => {
    const records = sandbox.dataset.freelancers.slice(0, 12);
    const results = await api.freelancers(records.map((record) => record.profileKey));
    expect(graphqlLog()).toHaveLength(1);
    expect(graphqlLog()[0]?.aliasCount).toBe(12);
    for (const record of records) {
      const stats = results.get(record.profileKey) as FreelancerStats;
      expect(stats.earningsHidden).toBe(record.hideEarnings);
      expect(stats.totalEarnings).toBe(record.hideEarnings ? null : record.totalEarnings);
      expect(stats.jobSuccessScore).toBe(record.hideJss ? null : record.jobSuccessScore);
      expect(stats.topRated).toBe(record.topRated);
    }
  });

  it('names an unknown profile as not found and marks the rest of its batch to ask again', async () => {
    const known = sandbox.dataset.freelancers[0]?.profileKey as string;
    const results = await api.freelancers([known, '~01doesnotexist000000']);
    expect(results.get('~01doesnotexist000000')).toBeNull();
    expect(results.get(known)).toBeInstanceOf(BatchCasualtyError);
  });

  it('reports a missing scope with the fields the key cannot read', async () => {
    const limited = await sandboxTokens(sandbox, SECRET_KEY_WITHOUT_PROFILES);
    const limitedApi = createUpworkApi(createGraphQLClient({ fetch: fetchFor(sandbox), tokens: limited.source }));
    const error = await apiFailure(limitedApi.freelancers([sandbox.dataset.freelancers[0]?.profileKey as string]));
    expect(error.kind).toBe('missing-scope');
    expect(error.details.fields?.length).toBeGreaterThan(0);
    expect(error.details.fields?.every((field) => /^[A-Z]\w*\.\w+$/.test(field))).toBe(true);
    expect(error.details.fields).toContain('FreelancerProfile.fullName');
    expect(error.message).toMatch(/^Your API key lacks permission to read: .*FreelancerProfile\.fullName/);
    // The same key still reads jobs.
    expect((await limitedApi.searchJobs({ pagination_eq: { first: 3, after: '0' } })).jobs).toHaveLength(3);
  });

  it('refreshes an expired access token once and retries', async () => {
    sandbox.expireAccessTokens();
    expect((await api.me()).userId).toBe(sandbox.dataset.user.id);
    expect(auth.refreshed).toHaveLength(1);
    expect(graphqlLog().map((entry) => entry.status)).toEqual([401, 200]);
    expect(sandbox.requestLog.filter((entry) => entry.path === '/api/v3/oauth2/token')).toHaveLength(1);
  });

  it('reports 429 as rate-limited with Retry-After', async () => {
    sandbox.setFaults({ rateLimitUntil: Date.now() + 60_000, retryAfterSeconds: 3 });
    const error = await apiFailure(api.me());
    expect(error.kind).toBe('rate-limited');
    expect(error.details.retryAfterMs).toBe(3000);
    sandbox.setFaults({ retryAfterSeconds: null });
    expect((await apiFailure(api.me())).details.retryAfterMs).toBeUndefined();
  });

  it('reports server errors as server', async () => {
    sandbox.setFaults({ serverErrorRate: 1 });
    for (let attempt = 0; attempt < 3; attempt++) {
      const error = await apiFailure(api.me());
      expect(error.kind).toBe('server');
      expect(error.details.status).toBeGreaterThanOrEqual(500);
    }
  });

  it('reports a truncated answer as invalid-data', async () => {
    sandbox.setFaults({ malformedJsonRate: 1 });
    expect((await apiFailure(api.me())).kind).toBe('invalid-data');
  });

  it('reports schema drift as invalid-data naming the field', async () => {
    sandbox.setFaults({ schemaDrift: 'missing-field' });
    const missing = await apiFailure(api.searchJobs({ pagination_eq: { first: 5, after: '0' } }));
    expect(missing.kind).toBe('invalid-data');
    expect(missing.message).toMatch(/^Upwork's answer for job \d+ was missing client\.totalHires\.$/);
    // Only clients who show their spend carry the wrong type: those jobs are left out and named, the rest kept.
    sandbox.setFaults({ schemaDrift: 'wrong-type' });
    const page = await api.searchJobs({ pagination_eq: { first: 40, after: '0' } });
    expect(page.skipped.length).toBeGreaterThan(0);
    expect(page.skipped[0]).toMatch(/^Upwork's answer for job \d+ had client\.totalSpent\.rawValue as number where string was expected\.$/);
    expect(page.jobs.length + page.skipped.length).toBe(40);
    expect(page.jobs.every((job) => job.client.totalSpent === null)).toBe(true);
  });
});
