import { GraphQLError } from 'graphql';
import type { FreelancerRecord, OrganizationRecord } from '../data/schema';
import { findJob, looksUpOnly, type SearchFilter, type SortField, searchJobs } from '../data/search';
import type { ResolverContext } from './context';
import { freelancerProfile, talentProfile } from './freelancers';
import { jobPosting, searchNode } from './jobs';

function organization(org: OrganizationRecord) {
  return {
    id: org.id,
    rid: org.rid,
    legacyId: org.rid,
    name: org.name,
    type: org.type,
    legacyType: org.legacyType,
    flag: org.flag,
    parentOrganization: null,
    active: true,
    hidden: false,
    childOrganizations: [],
    photoUrl: null,
    creationDate: null,
  };
}

interface SearchArgs {
  marketPlaceJobFilter?: SearchFilter | null;
  sortAttributes?: ({ field: SortField } | null)[] | null;
}

function findFreelancer(ctx: ResolverContext, profileKey: string): FreelancerRecord | undefined {
  return ctx.dataset.freelancers.find((f) => f.profileKey === profileKey);
}

/** Root resolvers (graphql-js calls rootValue[field](args, context) for each, aliases included). */
export const rootValue = {
  user: (_: unknown, ctx: ResolverContext) => {
    const u = ctx.dataset.user;
    return {
      id: u.id,
      nid: u.nid,
      rid: u.rid,
      email: u.email,
      name: u.name,
      photoUrl: u.photoUrl,
      ciphertext: u.ciphertext,
      freelancerProfile: null,
      talentProfile: null,
    };
  },
  organization: (_: unknown, ctx: ResolverContext) => organization(ctx.organization),
  companySelector: (_: unknown, ctx: ResolverContext) => ({
    items: ctx.dataset.user.organizations.map((o) => ({
      title: o.name,
      photoUrl: null,
      organizationId: o.id,
      organizationRid: o.rid,
      organizationType: o.type,
      organizationLegacyType: o.legacyType,
      organizationEnterpriseType: null,
      legacyEnterpriseOrganization: false,
      typeTitle: o.typeTitle,
    })),
  }),
  marketplaceJobPostingsSearch: (args: SearchArgs, ctx: ResolverContext) => {
    const first = args.marketPlaceJobFilter?.pagination_eq?.first;
    if (first !== undefined && first < 0) throw new GraphQLError('pagination_eq.first must not be negative');
    const sort = args.sortAttributes?.find((s) => s)?.field ?? 'RECENCY';
    const expression = args.marketPlaceJobFilter?.searchExpression_eq;
    for (const id of ctx.failSearchesFor) {
      const job = findJob(ctx.dataset, id)?.job;
      if (job && looksUpOnly(job, expression)) throw new GraphQLError('The search service timed out. Please try again.');
    }
    const page = searchJobs(ctx.dataset, args.marketPlaceJobFilter ?? {}, sort, { divergence: ctx.divergence });
    return {
      totalCount: page.totalCount,
      edges: page.hits.map((hit) => ({ cursor: hit.cursor, node: searchNode(ctx, hit.job, hit.client) })),
      pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage },
    };
  },
  marketplaceJobPosting: (args: { id: string }, ctx: ResolverContext) => {
    // The ~02… ciphertext is not an id here, as on Upwork.
    const found = findJob(ctx.dataset, args.id);
    return found ? jobPosting(ctx, found.job, found.client) : null;
  },
  freelancerProfileByProfileKey: (args: { profileKey: string }, ctx: ResolverContext) => {
    const f = findFreelancer(ctx, args.profileKey);
    if (!f) throw new GraphQLError(`No freelancer profile found for key ${args.profileKey}`);
    return freelancerProfile(ctx, f);
  },
  talentProfileByProfileKey: (args: { profileKey: string }, ctx: ResolverContext) => {
    const f = findFreelancer(ctx, args.profileKey);
    return f ? talentProfile(ctx, f) : null;
  },
};
