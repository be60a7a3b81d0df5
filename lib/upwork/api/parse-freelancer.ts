import { z } from 'zod';
import { type FreelancerStats, freelancerStatsSchema } from '../model';
import { moneyToNumber } from './money';
import { clip, currencyOf, rawMoneySchema } from './parse-common';
import { parseRaw } from './parse-util';

const rawFreelancerSchema = z.object({
  fullName: z.string().nullable(),
  countryDetails: z.object({ name: z.string().nullable() }).nullable(),
  personalData: z
    .object({
      title: z.string().nullable(),
      chargeRate: rawMoneySchema.nullable(),
    })
    .nullable(),
  aggregates: z
    .object({
      jobSuccessScore: z.number().nullable(),
      topRatedStatus: z.string().nullable(),
      topRatedPlusStatus: z.string().nullable(),
      totalHours: z.number().nullable(),
      totalHourlyJobs: z.number().nullable(),
      totalFixedJobs: z.number().nullable(),
      totalEarnings: rawMoneySchema.nullable(),
      lastWorkedDateTime: z.string().nullable(),
    })
    .nullable(),
  availability: z.object({ name: z.string().nullable() }).nullable(),
  verifications: z.object({ idVerified: z.boolean().nullable() }).nullable(),
  userPreferences: z.object({ hideEarnings: z.boolean().nullable(), hideJss: z.boolean().nullable() }).nullable(),
});

const NOT_RATED = new Set(['', 'NONE', 'NO', 'FALSE', 'NULL', '0', 'NOT_ELIGIBLE', 'INELIGIBLE', 'NOT_TOP_RATED', 'INACTIVE', 'N/A']);

function statusWord(value: string | null | undefined): string {
  return (value ?? '')
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Upwork's status strings are not documented: accept "TOP_RATED_PLUS" in either field, and treat any
 * other non-negative word ("ACTIVE", "TOP_RATED", "YES") in a field as that field's badge.
 */
export function topRatedOf(
  topRatedStatus: string | null | undefined,
  topRatedPlusStatus: string | null | undefined,
): FreelancerStats['topRated'] {
  const plain = statusWord(topRatedStatus);
  const plus = statusWord(topRatedPlusStatus);
  if (plain === 'TOP_RATED_PLUS' || plus === 'TOP_RATED_PLUS') return 'TOP_RATED_PLUS';
  if (!NOT_RATED.has(plus) && !plus.startsWith('NOT_') && plus !== 'TOP_RATED') return 'TOP_RATED_PLUS';
  if (!NOT_RATED.has(plain) && !plain.startsWith('NOT_')) return 'TOP_RATED';
  if (plus === 'TOP_RATED') return 'TOP_RATED';
  return 'NONE';
}

function sumOrNull(...counts: (number | null | undefined)[]): number | null {
  const known = counts.filter((count): count is number => typeof count === 'number');
  return known.length ? Math.max(0, Math.round(known.reduce((sum, count) => sum + count, 0))) : null;
}

/** Reads one `freelancerProfileByProfileKey` object, honouring what the freelancer chose to hide. */
export function parseFreelancer(data: unknown, profileKey: string): FreelancerStats {
  const subject = `freelancer ${profileKey}`;
  const raw = parseRaw(rawFreelancerSchema, data, subject);
  const aggregates = raw.aggregates;
  const personal = raw.personalData;
  const earningsHidden = raw.userPreferences?.hideEarnings === true;
  const jssHidden = raw.userPreferences?.hideJss === true;
  const jss = aggregates?.jobSuccessScore ?? null;
  const stats: FreelancerStats = {
    profileKey,
    name: clip(raw.fullName) ?? '',
    title: clip(personal?.title),
    jobSuccessScore: jssHidden || jss === null || jss < 0 || jss > 100 ? null : jss,
    jssHidden,
    topRated: topRatedOf(aggregates?.topRatedStatus, aggregates?.topRatedPlusStatus),
    totalEarnings: earningsHidden ? null : moneyToNumber(aggregates?.totalEarnings?.rawValue),
    earningsHidden,
    currency: currencyOf(aggregates?.totalEarnings, personal?.chargeRate),
    totalHours: aggregates?.totalHours == null ? null : Math.max(0, aggregates.totalHours),
    totalJobs: sumOrNull(aggregates?.totalHourlyJobs, aggregates?.totalFixedJobs),
    hourlyRate: moneyToNumber(personal?.chargeRate?.rawValue),
    lastWorkedAt: clip(aggregates?.lastWorkedDateTime),
    availability: clip(raw.availability?.name),
    idVerified: raw.verifications?.idVerified ?? null,
    country: clip(raw.countryDetails?.name),
    // The profile's address (and with it a time zone) is scope-gated on the live API: never asked for.
    timezone: null,
  };
  return parseRaw(freelancerStatsSchema, stats, subject);
}
