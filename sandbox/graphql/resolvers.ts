import { GraphQLError } from 'graphql';
import type { ClientRecord, Dataset, FreelancerRecord, JobRecord, OrganizationRecord } from '../data/schema';
import { findJob, looksUpOnly, type SearchFilter, type SortField, searchJobs } from '../data/search';
import { DURATIONS } from '../data/vocabulary';
import { iso, money } from './money';

/** What every resolver may read: the world, the clock and the organization the request acts as. */
export interface ResolverContext {
  dataset: Dataset;
  startedAt: number;
  organization: OrganizationRecord;
  /** The API's search is not the page's (see searchJobs). */
  divergence: boolean;
  /** Jobs whose precise search fails (the failSearchesFor fault). */
  failSearchesFor: readonly string[];
}

const DAY = 86_400_000;
const published = (ctx: ResolverContext, job: JobRecord) => ctx.startedAt - job.publishedMinutesAgo * 60_000;

function engagementDuration(job: JobRecord) {
  const d = DURATIONS.find((x) => x.duration === job.duration);
  return d ? { id: d.duration, label: d.label, weeks: d.weeks } : null;
}

function searchClient(ctx: ResolverContext, client: ClientRecord) {
  return {
    memberSinceDateTime: iso(ctx.startedAt - client.memberSinceDaysAgo * DAY),
    totalHires: client.totalHires,
    totalPostedJobs: client.totalPostedJobs,
    // Upwork leaves the spend out when the client keeps finances private.
    totalSpent: client.hasFinancialPrivacy ? null : money(client.totalSpent),
    verificationStatus: client.paymentVerified ? 'VERIFIED' : null,
    location:
      client.country || client.city
        ? {
            city: client.city,
            country: client.country?.name ?? null,
            timezone: client.timezone,
            state: client.state,
            offsetToUTC: client.offsetToUTC,
          }
        : null,
    totalReviews: client.totalReviews,
    totalFeedback: client.rating ?? 0,
    // Declared non-null, null on the live API: graphql-js then nulls client, node and the edge, as Upwork's does.
    companyRid: null,
    companyName: null,
    edcUserId: null,
    lastContractPlatform: null,
    lastContractRid: null,
    lastContractTitle: null,
    companyOrgUid: null,
    hasFinancialPrivacy: client.hasFinancialPrivacy,
  };
}

function hourlyBudgetType(job: JobRecord) {
  if (job.jobType !== 'HOURLY') return null;
  return job.hourlyMin === null ? 'NOT_PROVIDED' : 'MANUAL';
}

export function searchNode(ctx: ResolverContext, job: JobRecord, client: ClientRecord) {
  const at = published(ctx, job);
  return {
    id: job.id,
    job: () => jobPosting(ctx, job, client),
    title: job.title,
    description: job.description,
    ciphertext: `~02${job.id}`,
    duration: job.duration,
    durationLabel: job.durationLabel,
    engagement: job.engagement,
    amount: money(job.fixedBudget ?? 0),
    recordNumber: job.id.slice(-9),
    experienceLevel: job.experienceLevel,
    category: job.category.label,
    subcategory: null,
    freelancersToHire: job.personsToHire,
    relevance: {
      id: job.id,
      effectiveCandidates: 0,
      recommendedEffectiveCandidates: 0,
      uniqueImpressions: job.totalApplicants ?? 0,
      publishTime: iso(at),
      hoursInactive: 0,
    },
    enterprise: job.enterprise,
    relevanceEncoded: '',
    totalApplicants: job.totalApplicants,
    preferredFreelancerLocation: job.qualifications.countries,
    preferredFreelancerLocationMandatory: job.qualifications.countries.length > 0,
    premium: job.premium,
    clientNotSureFields: [],
    clientPrivateFields: client.hasFinancialPrivacy ? ['totalSpent'] : [],
    applied: job.applied,
    createdDateTime: iso(at - 5 * 60_000),
    publishedDateTime: iso(at),
    renewedDateTime: null,
    client: searchClient(ctx, client),
    skills: job.skills.map((s) => ({ id: null, name: s.toLowerCase().replace(/[^a-z0-9]+/g, '-'), prettyName: s, highlighted: false })),
    occupations: { category: { id: job.category.id, prefLabel: job.category.label }, subCategories: [], occupationService: null },
    hourlyBudgetType: hourlyBudgetType(job),
    hourlyBudgetMin: job.hourlyMin === null ? null : money(job.hourlyMin),
    hourlyBudgetMax: job.hourlyMax === null ? null : money(job.hourlyMax),
    localJobUserDistance: null,
    weeklyBudget: null,
    engagementDuration: engagementDuration(job),
    totalFreelancersToHire: job.personsToHire,
    teamId: null,
    freelancerClientRelation: null,
  };
}

export function jobPosting(ctx: ResolverContext, job: JobRecord, client: ClientRecord) {
  const duration = engagementDuration(job);
  const lastSeen = job.activity.lastClientActivityMinutesAgo;
  return {
    id: job.id,
    content: { title: job.title, description: job.description },
    activityStat: {
      applicationsBidStats: null,
      jobActivity: {
        lastClientActivity: lastSeen === null ? null : iso(ctx.startedAt - lastSeen * 60_000),
        invitesSent: job.activity.invitesSent,
        totalInvitedToInterview: job.activity.interviewing,
        totalHired: job.activity.hired,
        totalUnansweredInvites: job.activity.unansweredInvites,
        totalOffered: job.activity.offered,
        totalRecommended: null,
      },
    },
    contractTerms: {
      contractStartDate: null,
      contractEndDate: null,
      contractType: job.jobType,
      onSiteType: 'REMOTE',
      personsToHire: job.personsToHire,
      experienceLevel: job.experienceLevel,
      fixedPriceContractTerms:
        job.jobType === 'FIXED' ? { amount: money(job.fixedBudget ?? 0), maxAmount: null, engagementDuration: duration } : null,
      hourlyContractTerms:
        job.jobType === 'HOURLY'
          ? {
              engagementDuration: duration,
              engagementType: job.engagementType,
              notSureProjectDuration: job.duration === null,
              hourlyBudgetType: hourlyBudgetType(job),
              hourlyBudgetMin: job.hourlyMin,
              hourlyBudgetMax: job.hourlyMax,
            }
          : null,
      notSurePersonsToHire: false,
      notSureExperiencelevel: false,
    },
    contractorSelection: {
      proposalRequirement: {
        coverLetterRequired: job.coverLetterRequired,
        freelancerMilestonesAllowed: job.jobType === 'FIXED',
        screeningQuestions: job.screeningQuestions.map((question, i) => ({ question, sequenceNumber: i + 1 })),
      },
      qualification: { contractorType: 'ALL', ...job.qualifications },
      location: {
        countries: job.qualifications.countries,
        states: [],
        timezones: job.qualifications.timezones,
        localCheckRequired: false,
        localMarket: false,
        notSureLocationPreference: false,
        localDescription: null,
        localFlexibilityDescription: null,
      },
    },
    clientCompanyPublic: {
      id: `org-${client.id}`,
      legacyType: 'CLIENT',
      teamsEnabled: false,
      canHire: true,
      hidden: false,
      country: client.country
        ? { id: client.country.code, name: client.country.name, twoLetterAbbreviation: client.country.code, active: true }
        : null,
      state: client.state,
      city: client.city,
      timezone: client.timezone,
      accountingEntity: null,
      billingType: null,
      paymentVerification: { status: client.paymentVerified ? 'VERIFIED' : 'NOT_VERIFIED', paymentVerified: client.paymentVerified },
    },
    canClientReceiveContractProposal: true,
    organizationIds: [`org-${client.id}`],
  };
}

const topRatedStatus = (f: FreelancerRecord) => (f.topRated === 'NONE' ? 'NOT_ELIGIBLE' : 'TOP_RATED');
const topRatedPlusStatus = (f: FreelancerRecord) => (f.topRated === 'TOP_RATED_PLUS' ? 'TOP_RATED_PLUS' : 'NOT_ELIGIBLE');

function freelancerProfile(ctx: ResolverContext, f: FreelancerRecord) {
  const lastWorked = f.lastWorkedDaysAgo === null ? null : iso(ctx.startedAt - f.lastWorkedDaysAgo * DAY);
  const country = f.country ? { id: f.country.code, name: f.country.name, twoLetterAbbreviation: f.country.code, active: true } : null;
  return {
    id: f.id,
    fullName: `${f.firstName} ${f.lastName}`,
    firstName: f.firstName,
    lastName: f.lastName,
    email: null,
    countryDetails: country,
    portrait: null,
    personalData: {
      firstName: f.firstName,
      lastName: f.lastName,
      portrait: null,
      title: f.title,
      description: f.description,
      chargeRate: money(f.hourlyRate),
      workPhone: null,
      profileUrl: `https://www.upwork.com/freelancers/${f.profileKey}`,
      profileState: 'PUBLISHED',
    },
    // Real values with the owner's preferences set, as Upwork does; Loupe must hide them.
    userPreferences: {
      visibilityLevel: 'PUBLIC',
      hideAgencyEarnings: false,
      hideEarnings: f.hideEarnings,
      exposeFullName: true,
      clientFeedbackOptional: false,
      projectTypePreference: null,
      hideJss: f.hideJss,
    },
    skills: {
      edges: f.skills.map((s, i) => ({
        node: { id: `skill-${i}-${s}`, ontologyId: `onto-${s.toLowerCase()}`, preferredLabel: s, prettyName: s },
      })),
    },
    aggregates: {
      lastWorkedDateTime: lastWorked,
      lastApplicationDate: null,
      totalHourlyJobs: f.totalHourlyJobs,
      totalFixedJobs: f.totalFixedJobs,
      responsiveness: null,
      totalRevenue: money(f.totalEarnings),
      jobSuccessScore: f.jobSuccessScore,
      topRatedStatus: topRatedStatus(f),
      topRatedPlusStatus: topRatedPlusStatus(f),
      vetted: f.vetted,
      totalHoursActual: f.totalHours,
      totalHours: f.totalHours,
      totalFeedback: f.totalFeedback,
      adjustedFeedbackScore: f.totalFeedback,
      lastActivityDateTime: lastWorked,
      totalEarnings: money(f.totalEarnings),
      totalHoursRounded: Math.round(f.totalHours),
    },
    availability: f.availability
      ? {
          id: `avail-${f.id}`,
          capacity: null,
          availabilityDateTime: null,
          name: f.availability,
          createdDateTime: iso(ctx.startedAt - 30 * DAY),
        }
      : null,
    committedResponseTime: f.responseTime
      ? { id: `crt-${f.id}`, committedResponseTime: null, name: f.responseTime, createdDateTime: iso(ctx.startedAt - 60 * DAY) }
      : null,
    verifications: {
      idVerified: f.idVerified,
      phoneVerified: true,
      webcamVerified: false,
      idBadgeStatus: f.idVerified ? 'VERIFIED' : null,
    },
  };
}

function talentProfile(ctx: ResolverContext, f: FreelancerRecord) {
  return {
    personId: f.id,
    identity: { id: f.id, ciphertext: f.profileKey },
    personalData: {
      firstName: f.firstName,
      lastName: f.lastName,
      title: f.title,
      description: f.description,
      chargeRate: money(f.hourlyRate),
      profileUrl: `https://www.upwork.com/freelancers/${f.profileKey}`,
      profileState: 'PUBLISHED',
    },
    skills: f.skills.map((s, i) => ({ id: `skill-${i}`, skill: s.toLowerCase(), prettyName: s, status: 'ACTIVE', rank: String(i + 1) })),
    profileAggregates: {
      lastWorkedOn: f.lastWorkedDaysAgo === null ? null : iso(ctx.startedAt - f.lastWorkedDaysAgo * DAY),
      totalHourlyJobs: f.totalHourlyJobs,
      totalFixedJobs: f.totalFixedJobs,
      topRatedStatus: topRatedStatus(f),
      totalFeedback: f.totalFeedback,
      totalEarnings: f.totalEarnings,
      totalJobs: f.totalHourlyJobs + f.totalFixedJobs,
    },
  };
}

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
