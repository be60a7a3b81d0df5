import { z } from 'zod';

/**
 * Loupe's own view of Upwork's data: what the worker hands to pages after parsing and
 * normalising API answers (money as numbers, hidden values as null). Every message that carries
 * Upwork data uses these schemas, so a page never sees raw API shapes.
 */

const text = z.string().max(100_000);
const shortText = z.string().max(2_000);
const count = z.number().int().nonnegative();
const amount = z.number().finite();

export const jobIdSchema = z.string().regex(/^\d{1,30}$/, 'a numeric job id');
export const profileKeySchema = z.string().regex(/^~01[0-9a-zA-Z]{1,40}$/, 'a ~01… profile key');

export const clientStatsSchema = z.strictObject({
  totalSpent: amount.nullable(),
  currency: z.string().max(8),
  totalHires: count,
  totalPostedJobs: count,
  /** totalHires / totalPostedJobs, null when nothing was posted yet. */
  hireRate: z.number().min(0).nullable(),
  totalReviews: count,
  /** Average feedback 0–5, null when there are no reviews. */
  rating: z.number().min(0).max(5).nullable(),
  paymentVerified: z.boolean(),
  country: shortText.nullable(),
  city: shortText.nullable(),
  timezone: shortText.nullable(),
  /** Offset from UTC in minutes, null when unknown. */
  utcOffsetMinutes: z
    .number()
    .int()
    .min(-24 * 60)
    .max(24 * 60)
    .nullable(),
  hasFinancialPrivacy: z.boolean(),
  /** The API's stable client id (the job's `clientCompanyPublic.id`), for the block list and client notes; absent when not reported. */
  companyUid: z.string().min(1).max(128).optional(),
});
export type ClientStats = z.infer<typeof clientStatsSchema>;

export const jobSummarySchema = z.strictObject({
  id: jobIdSchema,
  ciphertext: z.string().max(64),
  title: text,
  description: text,
  publishedAt: shortText.nullable(),
  jobType: z.enum(['HOURLY', 'FIXED']),
  fixedBudget: amount.nullable(),
  hourlyMin: amount.nullable(),
  hourlyMax: amount.nullable(),
  currency: z.string().max(8),
  experienceLevel: shortText.nullable(),
  totalApplicants: count.nullable(),
  applied: z.boolean().nullable(),
  skills: z.array(shortText).max(200),
  client: clientStatsSchema,
});
export type JobSummary = z.infer<typeof jobSummarySchema>;

export const jobDetailSchema = z.strictObject({
  id: jobIdSchema,
  title: text,
  activity: z.strictObject({
    lastClientActivity: shortText.nullable(),
    invitesSent: count,
    interviewing: count,
    hired: count,
    offered: count,
    unansweredInvites: count,
  }),
  screeningQuestions: z.array(text).max(100),
  qualifications: z.strictObject({
    jobSuccessScore: z.number().nullable(),
    risingTalent: z.boolean().nullable(),
    englishProficiency: shortText.nullable(),
    hoursWorked: z.number().nullable(),
    hasPortfolio: z.boolean().nullable(),
    countries: z.array(shortText).max(300),
    timezones: z.array(shortText).max(300),
  }),
  client: z.strictObject({
    country: shortText.nullable(),
    city: shortText.nullable(),
    timezone: shortText.nullable(),
    paymentVerified: z.boolean().nullable(),
  }),
  contractType: z.enum(['HOURLY', 'FIXED']).nullable(),
  personsToHire: count.nullable(),
});
export type JobDetail = z.infer<typeof jobDetailSchema>;

export const freelancerStatsSchema = z.strictObject({
  profileKey: profileKeySchema,
  name: shortText,
  title: shortText.nullable(),
  /** null when the freelancer hides it (userPreferences.hideJss) or has none yet. */
  jobSuccessScore: z.number().min(0).max(100).nullable(),
  jssHidden: z.boolean(),
  topRated: z.enum(['TOP_RATED_PLUS', 'TOP_RATED', 'NONE']),
  /** null when the freelancer hides earnings (userPreferences.hideEarnings). */
  totalEarnings: amount.nullable(),
  earningsHidden: z.boolean(),
  currency: z.string().max(8),
  totalHours: z.number().nonnegative().nullable(),
  totalJobs: count.nullable(),
  hourlyRate: amount.nullable(),
  lastWorkedAt: shortText.nullable(),
  availability: shortText.nullable(),
  idVerified: z.boolean().nullable(),
  country: shortText.nullable(),
  timezone: shortText.nullable(),
});
export type FreelancerStats = z.infer<typeof freelancerStatsSchema>;

export const organizationSchema = z.strictObject({ id: z.string().max(64), title: shortText, typeTitle: shortText.nullable() });

export const accountSchema = z.strictObject({
  userId: z.string().max(64),
  name: shortText,
  email: shortText.nullable(),
  photoUrl: shortText.nullable(),
  organizations: z.array(organizationSchema).max(500),
  /** The organization Loupe acts as (sent as X-Upwork-API-TenantId); null means the default. */
  activeOrganizationId: z.string().max(64).nullable(),
});
export type Account = z.infer<typeof accountSchema>;
