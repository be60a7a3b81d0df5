import { z } from 'zod';

/**
 * The sandbox's world: clients, jobs, freelancers, the signed-in user and OAuth clients.
 * A `--data FILE` is JSON of exactly this shape (see sandbox/DATA-FORMAT.md); times are
 * relative to the moment the sandbox starts, so a saved file never goes stale.
 */

const id = z.string().min(1).max(64);
const money = z.number().finite().nonnegative();

export const countrySchema = z.strictObject({
  name: z.string(),
  code: z.string().length(2),
});

export const clientSchema = z.strictObject({
  id,
  companyName: z.string(),
  totalSpent: money,
  totalHires: z.number().int().nonnegative(),
  totalPostedJobs: z.number().int().nonnegative(),
  totalReviews: z.number().int().nonnegative(),
  /** Average feedback 0–5; null when there are no reviews yet (the API then says 0). */
  rating: z.number().min(0).max(5).nullable(),
  paymentVerified: z.boolean(),
  country: countrySchema.nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  timezone: z.string().nullable(),
  /** As Upwork sends it, e.g. "UTC-05:00"; null when unknown. */
  offsetToUTC: z.string().nullable(),
  hasFinancialPrivacy: z.boolean(),
  memberSinceDaysAgo: z.number().nonnegative(),
  avgHourlyRatePaid: money.nullable(),
  totalHoursBilled: z.number().nonnegative(),
  openJobs: z.number().int().nonnegative(),
});
export type ClientRecord = z.infer<typeof clientSchema>;

export const jobTypeSchema = z.enum(['HOURLY', 'FIXED']);
export const experienceLevelSchema = z.enum(['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT']);

export const jobSchema = z.strictObject({
  /** Numeric id as a string (19 digits on Upwork). The ciphertext is "~02" + id. */
  id: z.string().regex(/^\d{1,30}$/, 'a numeric id'),
  clientId: id,
  title: z.string(),
  description: z.string(),
  /** Minutes before sandbox start; negative for jobs added while it runs. */
  publishedMinutesAgo: z.number(),
  jobType: jobTypeSchema,
  /** Fixed-price budget in USD; null for hourly jobs. */
  fixedBudget: money.nullable(),
  hourlyMin: money.nullable(),
  hourlyMax: money.nullable(),
  experienceLevel: experienceLevelSchema,
  duration: z.enum(['WEEK', 'MONTH', 'QUARTER', 'SEMESTER', 'ONGOING']).nullable(),
  durationLabel: z.string().nullable(),
  engagement: z.string().nullable(),
  engagementType: z.enum(['FULL_TIME', 'PART_TIME', 'AS_NEEDED', 'NOT_SURE']),
  skills: z.array(z.string()),
  category: z.strictObject({ id, label: z.string() }),
  totalApplicants: z.number().int().nonnegative().nullable(),
  applied: z.boolean(),
  saved: z.boolean(),
  personsToHire: z.number().int().positive(),
  coverLetterRequired: z.boolean(),
  screeningQuestions: z.array(z.string()),
  qualifications: z.strictObject({
    jobSuccessScore: z.number().int().min(0).max(100).nullable(),
    risingTalent: z.boolean().nullable(),
    englishProficiency: z.string().nullable(),
    hoursWorked: z.number().int().nonnegative().nullable(),
    hasPortfolio: z.boolean().nullable(),
    countries: z.array(z.string()),
    timezones: z.array(z.string()),
  }),
  activity: z.strictObject({
    /** Minutes before sandbox start; null when the client was never seen. */
    lastClientActivityMinutesAgo: z.number().nullable(),
    invitesSent: z.number().int().nonnegative(),
    interviewing: z.number().int().nonnegative(),
    hired: z.number().int().nonnegative(),
    offered: z.number().int().nonnegative(),
    unansweredInvites: z.number().int().nonnegative(),
  }),
  premium: z.boolean(),
  enterprise: z.boolean(),
});
export type JobRecord = z.infer<typeof jobSchema>;

export const freelancerSchema = z.strictObject({
  /** "~01" followed by 18 alphanumerics. */
  profileKey: z.string().regex(/^~01[0-9a-zA-Z]{18}$/, 'a ~01 key with 18 characters'),
  id: id,
  firstName: z.string(),
  lastName: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  country: countrySchema.nullable(),
  city: z.string().nullable(),
  timezone: z.string(),
  jobSuccessScore: z.number().min(0).max(100).nullable(),
  /** "TOP_RATED_PLUS", "TOP_RATED" or "NONE"; sent as topRatedStatus/topRatedPlusStatus. */
  topRated: z.enum(['TOP_RATED_PLUS', 'TOP_RATED', 'NONE']),
  totalEarnings: money,
  totalHours: z.number().nonnegative(),
  totalHourlyJobs: z.number().int().nonnegative(),
  totalFixedJobs: z.number().int().nonnegative(),
  totalFeedback: z.number().min(0).max(5).nullable(),
  hourlyRate: money,
  lastWorkedDaysAgo: z.number().nonnegative().nullable(),
  availability: z.string().nullable(),
  responseTime: z.string().nullable(),
  idVerified: z.boolean(),
  vetted: z.boolean(),
  hideEarnings: z.boolean(),
  hideJss: z.boolean(),
  skills: z.array(z.string()),
});
export type FreelancerRecord = z.infer<typeof freelancerSchema>;

export const organizationSchema = z.strictObject({
  id,
  rid: z.string(),
  name: z.string(),
  typeTitle: z.string(),
  type: z.enum(['BUSINESS', 'SOLE_PROPRIETOR']),
  legacyType: z.enum(['CLIENT', 'VENDOR']),
  flag: z.strictObject({ client: z.boolean(), vendor: z.boolean(), agency: z.boolean(), individual: z.boolean() }),
});
export type OrganizationRecord = z.infer<typeof organizationSchema>;

export const userSchema = z.strictObject({
  id,
  nid: z.string(),
  rid: z.string(),
  name: z.string(),
  email: z.string(),
  photoUrl: z.string().nullable(),
  ciphertext: z.string(),
  /** The first organization is the default one (used without X-Upwork-API-TenantId). */
  organizations: z.array(organizationSchema).min(1),
});
export type UserRecord = z.infer<typeof userSchema>;

export const SCOPES = {
  commons: 'pub-commons:read:all',
  jobs: 'pub-marketplace-job-postings:read:all',
  profiles: 'pub-freelancer-profiles:read:all',
} as const;

export const oauthClientSchema = z.strictObject({
  clientId: z.string().min(1),
  name: z.string(),
  /** null for a public client (PKCE, no secret). */
  secret: z.string().min(1).nullable(),
  /** Exact redirect URIs. */
  redirectUris: z.array(z.string().url()),
  /** Also accept any https://<id>.chromiumapp.org/… and https://<id>.extensions.allizom.org/… address. */
  acceptExtensionRedirects: z.boolean(),
  scopes: z.array(z.string()),
});
export type OAuthClientRecord = z.infer<typeof oauthClientSchema>;

export const datasetSchema = z.strictObject({
  version: z.literal(1),
  user: userSchema,
  clients: z.array(clientSchema),
  jobs: z.array(jobSchema),
  freelancers: z.array(freelancerSchema),
  // Optional in a file: the built-in clients are added anyway.
  oauthClients: z.array(oauthClientSchema).default([]),
});
export type Dataset = z.infer<typeof datasetSchema>;
