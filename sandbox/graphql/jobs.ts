import type { ClientRecord, JobRecord } from '../data/schema';
import { DURATIONS } from '../data/vocabulary';
import { DAY, type ResolverContext } from './context';
import { iso, money } from './money';

/** A job as the API answers it: a search result's node, and the full posting. */

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
