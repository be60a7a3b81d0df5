import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freelancerProfilesOperation,
  jobDetailsOperation,
  jobSearchOperation,
  meOperation,
  type Operation,
} from '../../lib/upwork/api/operations';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { graphql, signIn, type Tokens } from './helpers';

let sandbox: Sandbox;
let full: Tokens;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, autoApprove: true, quiet: true, ratePerSecond: 1000, searchDivergence: false });
  full = await signIn(sandbox);
});
afterAll(async () => {
  await sandbox?.close();
});

// biome-ignore lint/suspicious/noExplicitAny: walking untyped JSON answers
type Json = any;

async function run({ name, query, variables }: Operation, headers?: Record<string, string>): Promise<Json> {
  const answer = await graphql(sandbox, full.access_token, query, variables, { operationName: name, headers });
  expect(answer.status).toBe(200);
  const body = answer.json();
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe('the operations Loupe sends', () => {
  it('Me: the user, the default organization and the company selector', async () => {
    const data = await run(meOperation());
    const { user } = sandbox.dataset;
    expect(data.user).toMatchObject({ id: user.id, name: user.name, email: user.email });
    expect(data.organization.id).toBe(user.organizations[0]?.id);
    expect(data.companySelector.items.map((i: Json) => i.organizationId)).toEqual(user.organizations.map((o) => o.id));
  });

  it('Me with X-Upwork-API-TenantId acts as that organization; an unknown one fails', async () => {
    const second = sandbox.dataset.user.organizations[1];
    const data = await run(meOperation(), { 'X-Upwork-API-TenantId': second?.id ?? '' });
    expect(data.organization).toMatchObject({ id: second?.id, name: second?.name });
    const bad = await graphql(
      sandbox,
      full.access_token,
      meOperation().query,
      {},
      { operationName: 'Me', headers: { 'X-Upwork-API-TenantId': '999' } },
    );
    expect(bad.json().errors?.[0]?.message).toBe('Authorization failed');
    expect(sandbox.requestLog.at(-1)?.tenantId).toBe('999');
  });

  it('JobSearch: search nodes with client stats equal to the dataset', async () => {
    const data = await run(jobSearchOperation({ searchExpression_eq: '', pagination_eq: { first: 50, after: '0' } }));
    const search = data.marketplaceJobPostingsSearch;
    expect(search.totalCount).toBe(sandbox.dataset.jobs.length);
    expect(search.edges).toHaveLength(50);
    for (const { node } of search.edges) {
      const job = sandbox.dataset.jobs.find((j) => j.id === node.id);
      const client = sandbox.dataset.clients.find((c) => c.id === job?.clientId);
      if (!job || !client) throw new Error(`unknown job ${node.id}`);
      expect(node.ciphertext).toBe(`~02${job.id}`);
      expect(node.title).toBe(job.title);
      expect(node.totalApplicants).toBe(job.totalApplicants);
      expect(node.skills.map((s: Json) => s.prettyName)).toEqual(job.skills);
      expect(node.client.totalHires).toBe(client.totalHires);
      expect(node.client.totalPostedJobs).toBe(client.totalPostedJobs);
      expect(node.client.totalFeedback).toBe(client.rating ?? 0);
      expect(node.client.totalSpent).toEqual(
        client.hasFinancialPrivacy ? null : expect.objectContaining({ rawValue: client.totalSpent.toFixed(2), currency: 'USD' }),
      );
      expect(node.client.totalSpent?.rawValue ?? '0.00').toMatch(/^\d+\.\d{2}$/);
      expect(node.client.location?.country ?? null).toBe(client.country?.name ?? null);
      if (job.jobType === 'FIXED') expect(Number(node.amount.rawValue)).toBe(job.fixedBudget);
      else expect(node.hourlyBudgetMin?.rawValue ?? null).toBe(job.hourlyMin === null ? null : job.hourlyMin.toFixed(2));
      expect(Date.parse(node.publishedDateTime)).toBe(sandbox.startedAt - job.publishedMinutesAgo * 60_000);
    }
  });

  it('JobDetails: activity, screening questions and the client company', async () => {
    const job = sandbox.dataset.jobs.find((j) => j.screeningQuestions.length > 0 && j.jobType === 'HOURLY');
    if (!job) throw new Error('seed 1 has an hourly job with questions');
    const client = sandbox.dataset.clients.find((c) => c.id === job.clientId);
    const data = (await run(jobDetailsOperation([job.id]))).j0;
    expect(data.id).toBe(job.id);
    expect(data.content.title).toBe(job.title);
    expect(data.contractTerms.contractType).toBe('HOURLY');
    expect(data.contractorSelection.proposalRequirement.screeningQuestions.map((q: Json) => q.question)).toEqual(job.screeningQuestions);
    expect(data.activityStat.jobActivity).toMatchObject({
      invitesSent: job.activity.invitesSent,
      totalInvitedToInterview: job.activity.interviewing,
    });
    expect(data.clientCompanyPublic.paymentVerification.paymentVerified).toBe(client?.paymentVerified);
    expect(data.clientCompanyPublic.country?.name ?? null).toBe(client?.country?.name ?? null);
  });

  it('JobDetails: null for an unknown id and for a ciphertext', async () => {
    const data = await run(jobDetailsOperation(['1', `~02${sandbox.dataset.jobs[0]?.id}`]));
    expect(data).toEqual({ j0: null, j1: null });
  });

  it('FreelancerProfiles: aggregates and the hiding preferences', async () => {
    const f = sandbox.dataset.freelancers.find((x) => x.hideEarnings);
    if (!f) throw new Error('seed 1 has a freelancer hiding earnings');
    const data = (await run(freelancerProfilesOperation([f.profileKey]))).f0;
    expect(data.fullName).toBe(`${f.firstName} ${f.lastName}`);
    expect(data.userPreferences).toEqual({ hideEarnings: true, hideJss: f.hideJss });
    expect(data.aggregates.totalEarnings.rawValue).toBe(f.totalEarnings.toFixed(2));
    expect(data.aggregates.jobSuccessScore).toBe(f.jobSuccessScore);
    expect(data.personalData.chargeRate.rawValue).toBe(f.hourlyRate.toFixed(2));
  });

  it('FreelancerProfiles: an unknown key is an error (the field is non-null)', async () => {
    const { name, query, variables } = freelancerProfilesOperation(['~01000000000000000000']);
    const answer = await graphql(sandbox, full.access_token, query, variables, { operationName: name });
    const body = answer.json();
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.classification).toBe('DataFetchingException');
  });

  it('TalentProfileByKey (which Loupe does not send): plain-number aggregates', async () => {
    const f = sandbox.dataset.freelancers[2];
    const query = `query TalentProfileByKey($profileKey: String!) {
      talentProfileByProfileKey(profileKey: $profileKey) { identity { ciphertext } profileAggregates { totalEarnings totalJobs } }
    }`;
    const data = (await run({ name: 'TalentProfileByKey', query, variables: { profileKey: f?.profileKey } })).talentProfileByProfileKey;
    expect(data.identity.ciphertext).toBe(f?.profileKey);
    expect(data.profileAggregates.totalEarnings).toBe(f?.totalEarnings);
    expect(data.profileAggregates.totalJobs).toBe((f?.totalHourlyJobs ?? 0) + (f?.totalFixedJobs ?? 0));
  });
});

describe('coalesced queries with aliases', () => {
  it('answers each alias and counts them in the log', async () => {
    const [a, b] = sandbox.dataset.jobs;
    const [p] = sandbox.dataset.freelancers;
    sandbox.clearLog();
    const answer = await graphql(
      sandbox,
      full.access_token,
      `query Batch {
        j1: marketplaceJobPosting(id: "${a?.id}") { id content { title } }
        j2: marketplaceJobPosting(id: "${b?.id}") { id content { title } }
        j3: marketplaceJobPosting(id: "404") { id }
        p1: freelancerProfileByProfileKey(profileKey: "${p?.profileKey}") { fullName aggregates { totalHours } }
      }`,
    );
    const data = answer.json().data as Json;
    expect(data.j1).toEqual({ id: a?.id, content: { title: a?.title } });
    expect(data.j2.id).toBe(b?.id);
    expect(data.j3).toBeNull();
    expect(data.p1.aggregates.totalHours).toBe(p?.totalHours);
    expect(sandbox.requestLog).toHaveLength(1);
    expect(sandbox.requestLog[0]).toMatchObject({
      operationName: 'Batch',
      aliasCount: 4,
      clientId: 'loupe-demo',
      userId: sandbox.dataset.user.id,
      status: 200,
    });
  });
});

describe('scopes, validation and authentication', () => {
  it('fails the whole query when a field is outside the key scopes, naming the fields', async () => {
    const narrow = await signIn(sandbox, 'loupe-secret', 's3cret-demo');
    const answer = await graphql(
      sandbox,
      narrow.access_token,
      `{ user { id } freelancerProfileByProfileKey(profileKey: "${sandbox.dataset.freelancers[0]?.profileKey}") { fullName aggregates { totalEarnings { rawValue } } } }`,
    );
    expect(answer.status).toBe(200);
    const body = answer.json();
    expect(body.data).toBeNull();
    expect(body.errors?.[0]?.extensions?.classification).toBe('ExecutionAborted');
    expect(body.errors?.[0]?.message).toBe(
      "The client or authentication token doesn't have enough oauth2 permissions/scopes to access: [Query.freelancerProfileByProfileKey, FreelancerProfile.fullName, FreelancerProfile.aggregates, FreelancerProfileAggregates.totalEarnings, Money.rawValue]",
    );
    expect((await graphql(sandbox, narrow.access_token, '{ user { id } }')).json().data).toEqual({ user: { id: sandbox.dataset.user.id } });
  });

  it('reports validation errors with HTTP 200 and ValidationError', async () => {
    const answer = await graphql(sandbox, full.access_token, '{ user { id noSuchField } }');
    expect(answer.status).toBe(200);
    expect(answer.json().errors?.[0]).toMatchObject({
      message: expect.stringContaining('noSuchField'),
      extensions: { classification: 'ValidationError' },
    });
    const badVariable = await graphql(
      sandbox,
      full.access_token,
      jobDetailsOperation(['1']).query,
      { id0: null },
      { operationName: 'JobDetails' },
    );
    expect(badVariable.json().errors?.[0]?.extensions?.classification).toBe('ValidationError');
  });

  it('refuses introspection', async () => {
    const answer = await graphql(sandbox, full.access_token, '{ __schema { queryType { name } } }');
    expect(answer.json().errors?.[0]?.message).toBe('This request is not asking for introspection in good faith');
    expect((await graphql(sandbox, full.access_token, '{ user { __typename id } }')).json().data).toMatchObject({
      user: { __typename: 'CurrentUser' },
    });
  });

  it('answers 401 without a token or with an unknown one', async () => {
    for (const token of [null, 'made-up']) {
      const answer = await graphql(sandbox, token, '{ user { id } }');
      expect(answer.status).toBe(401);
      expect(answer.json()).toEqual({ message: expect.any(String) });
    }
  });
});
