import { z } from 'zod';
import { messageOf } from '../../helpers/format';
import { type ClientStats, type JobSummary, jobSummarySchema } from '../model';
import { moneyToNumber } from './money';
import { clip, currencyOf, type RawMoney, rawCountSchema, rawIdSchema, rawMoneySchema } from './parse-common';
import { invalidData, parseRaw, parseUtcOffset } from './parse-util';

const rawClientSchema = z.object({
  totalSpent: rawMoneySchema.nullable(),
  totalHires: rawCountSchema,
  totalPostedJobs: rawCountSchema,
  totalReviews: rawCountSchema,
  totalFeedback: z.number().nullable(),
  verificationStatus: z.string().nullable(),
  hasFinancialPrivacy: z.boolean().nullable(),
  location: z
    .object({
      country: z.string().nullable(),
      city: z.string().nullable(),
      timezone: z.string().nullable(),
      offsetToUTC: z.union([z.string(), z.number()]).nullable(),
    })
    .nullable(),
});

const rawSearchNodeSchema = z.object({
  id: rawIdSchema,
  ciphertext: z.string().nullable(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  publishedDateTime: z.string().nullable(),
  experienceLevel: z.string().nullable(),
  amount: rawMoneySchema.nullable(),
  hourlyBudgetType: z.string().nullable(),
  hourlyBudgetMin: rawMoneySchema.nullable(),
  hourlyBudgetMax: rawMoneySchema.nullable(),
  totalApplicants: z.number().nullable(),
  applied: z.boolean().nullable(),
  skills: z.array(z.object({ name: z.string().nullable(), prettyName: z.string().nullable() }).nullable()).nullable(),
  client: rawClientSchema,
  /** The job behind the result: only its client's company id is read (nullable all the way). */
  job: z
    .object({
      clientCompanyPublic: z
        .object({ id: z.union([z.string(), z.number()]).nullable() })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
});

const rawSearchSchema = z.object({
  marketplaceJobPostingsSearch: z
    .object({
      totalCount: z.number().nullable(),
      pageInfo: z.object({ hasNextPage: z.boolean().nullable(), endCursor: z.string().nullable() }).nullable(),
      edges: z.array(z.object({ node: z.unknown() }).nullable()).nullable(),
    })
    .nullable(),
});

export interface JobSearchResult {
  jobs: JobSummary[];
  totalCount: number | null;
  hasNextPage: boolean;
  endCursor: string | null;
  /** Results Loupe could not read and left out, in plain words (schema drift on single jobs). */
  skipped: string[];
}

/** Client stats from a search node: the only place Upwork exposes spend, hires and feedback. */
export function normalizeClient(raw: z.infer<typeof rawClientSchema>, companyId?: string | number | null): ClientStats {
  const company = companyId === null || companyId === undefined ? '' : String(companyId).trim();
  const location = raw.location;
  return {
    totalSpent: moneyToNumber(raw.totalSpent?.rawValue),
    currency: currencyOf(raw.totalSpent),
    totalHires: raw.totalHires,
    totalPostedJobs: raw.totalPostedJobs,
    hireRate: raw.totalPostedJobs > 0 ? raw.totalHires / raw.totalPostedJobs : null,
    totalReviews: raw.totalReviews,
    // Upwork reports 0 feedback for clients nobody has reviewed yet: that is "no rating", not a bad one.
    rating: raw.totalReviews > 0 && raw.totalFeedback !== null ? Math.min(5, Math.max(0, raw.totalFeedback)) : null,
    paymentVerified: raw.verificationStatus?.trim().toUpperCase() === 'VERIFIED',
    country: clip(location?.country),
    city: clip(location?.city),
    timezone: clip(location?.timezone),
    utcOffsetMinutes: parseUtcOffset(location?.offsetToUTC),
    hasFinancialPrivacy: raw.hasFinancialPrivacy ?? false,
    ...(company ? { companyUid: company.slice(0, 128) } : {}),
  };
}

function hasAmount(money: RawMoney | null): boolean {
  const value = moneyToNumber(money?.rawValue);
  return value !== null && value > 0;
}

function normalizeNode(raw: z.infer<typeof rawSearchNodeSchema>): JobSummary {
  // The search node has no contract type; hourly jobs carry an hourly budget type or range, fixed ones an amount.
  const hourly = raw.hourlyBudgetType !== null || hasAmount(raw.hourlyBudgetMin) || hasAmount(raw.hourlyBudgetMax);
  return {
    id: raw.id,
    ciphertext: clip(raw.ciphertext, 64) ?? `~02${raw.id}`,
    title: clip(raw.title, 100_000) ?? '',
    description: clip(raw.description, 100_000) ?? '',
    publishedAt: clip(raw.publishedDateTime),
    jobType: hourly ? 'HOURLY' : 'FIXED',
    fixedBudget: hourly ? null : moneyToNumber(raw.amount?.rawValue),
    hourlyMin: hourly ? moneyToNumber(raw.hourlyBudgetMin?.rawValue) : null,
    hourlyMax: hourly ? moneyToNumber(raw.hourlyBudgetMax?.rawValue) : null,
    currency: currencyOf(raw.amount, raw.hourlyBudgetMin, raw.hourlyBudgetMax),
    experienceLevel: clip(raw.experienceLevel),
    totalApplicants: raw.totalApplicants === null ? null : Math.max(0, Math.round(raw.totalApplicants)),
    applied: raw.applied,
    skills: (raw.skills ?? [])
      .map((skill) => clip(skill?.prettyName ?? skill?.name))
      .filter((name): name is string => Boolean(name))
      .slice(0, 200),
    client: normalizeClient(raw.client, raw.job?.clientCompanyPublic?.id),
  };
}

function subjectFor(node: unknown, index: number): string {
  const id = typeof node === 'object' && node !== null ? (node as { id?: unknown }).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? `job ${id}` : `search result ${index + 1}`;
}

/**
 * Reads a JobSearch answer. A single unreadable result is left out (and named in `skipped`) so one
 * odd job does not blank a whole page; if no result is readable the whole answer is invalid.
 */
export function parseJobSearch(data: unknown): JobSearchResult {
  const raw = parseRaw(rawSearchSchema, data, 'the job search');
  const connection = raw.marketplaceJobPostingsSearch;
  if (!connection) invalidData("Upwork's answer for the job search was empty.");
  const jobs: JobSummary[] = [];
  const skipped: string[] = [];
  let firstProblem: unknown;
  (connection.edges ?? []).forEach((edge, index) => {
    if (!edge) return;
    const subject = subjectFor(edge.node, index);
    try {
      const node = parseRaw(rawSearchNodeSchema, edge.node, subject);
      jobs.push(parseRaw(jobSummarySchema, normalizeNode(node), subject));
    } catch (error) {
      firstProblem ??= error;
      skipped.push(messageOf(error));
    }
  });
  if (jobs.length === 0 && firstProblem) throw firstProblem;
  return {
    jobs,
    totalCount: connection.totalCount,
    hasNextPage: connection.pageInfo?.hasNextPage ?? false,
    endCursor: connection.pageInfo?.endCursor ?? null,
    skipped,
  };
}
