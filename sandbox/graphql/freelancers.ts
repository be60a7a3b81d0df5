import type { FreelancerRecord } from '../data/schema';
import { DAY, type ResolverContext } from './context';
import { iso, money } from './money';

/** A freelancer as the API answers it: the profile by key, and the talent profile inside it. */

const topRatedStatus = (f: FreelancerRecord) => (f.topRated === 'NONE' ? 'NOT_ELIGIBLE' : 'TOP_RATED');
const topRatedPlusStatus = (f: FreelancerRecord) => (f.topRated === 'TOP_RATED_PLUS' ? 'TOP_RATED_PLUS' : 'NOT_ELIGIBLE');

export function freelancerProfile(ctx: ResolverContext, f: FreelancerRecord) {
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

export function talentProfile(ctx: ResolverContext, f: FreelancerRecord) {
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
