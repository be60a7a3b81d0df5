import { z } from 'zod';
import { type JobDetail, jobDetailSchema } from '../model';
import { clip, rawCountSchema, rawIdSchema } from './parse-common';
import { parseRaw } from './parse-util';

const rawTextList = z
  .array(z.string().nullable())
  .nullable()
  .transform((list) => (list ?? []).filter((item): item is string => Boolean(item)));

const rawJobDetailSchema = z.object({
  id: rawIdSchema,
  content: z.object({ title: z.string().nullable() }).nullable(),
  contractTerms: z
    .object({
      contractType: z.string().nullable(),
      personsToHire: z.number().nullable(),
    })
    .nullable(),
  contractorSelection: z
    .object({
      proposalRequirement: z
        .object({
          screeningQuestions: z
            .array(z.object({ sequenceNumber: z.number().nullable(), question: z.string().nullable() }).nullable())
            .nullable(),
        })
        .nullable(),
      qualification: z
        .object({
          jobSuccessScore: z.number().nullable(),
          risingTalent: z.boolean().nullable(),
          // A scalar of unknown form on Upwork's side (an enum name or a label).
          englishProficiency: z.union([z.string(), z.number()]).nullable(),
          hoursWorked: z.number().nullable(),
          hasPortfolio: z.boolean().nullable(),
        })
        .nullable(),
      location: z.object({ countries: rawTextList, timezones: rawTextList }).nullable(),
    })
    .nullable(),
  activityStat: z
    .object({
      jobActivity: z
        .object({
          lastClientActivity: z.string().nullable(),
          invitesSent: rawCountSchema,
          totalInvitedToInterview: rawCountSchema,
          totalHired: rawCountSchema,
          totalUnansweredInvites: rawCountSchema,
          totalOffered: rawCountSchema,
        })
        .nullable(),
    })
    .nullable(),
  clientCompanyPublic: z
    .object({
      city: z.string().nullable(),
      timezone: z.string().nullable(),
      country: z.object({ name: z.string().nullable() }).nullable(),
      paymentVerification: z.object({ status: z.string().nullable(), paymentVerified: z.boolean().nullable() }).nullable(),
    })
    .nullable(),
});

function contractTypeOf(value: string | null | undefined): JobDetail['contractType'] {
  const upper = value?.trim().toUpperCase();
  return upper === 'HOURLY' || upper === 'FIXED' ? upper : null;
}

function paymentVerifiedOf(verification: { status: string | null; paymentVerified: boolean | null } | null): boolean | null {
  if (!verification) return null;
  if (verification.paymentVerified !== null) return verification.paymentVerified;
  return verification.status ? verification.status.trim().toUpperCase() === 'VERIFIED' : null;
}

/** Reads one `marketplaceJobPosting` object (one alias of a JobDetails batch). */
export function parseJobDetail(data: unknown, id: string): JobDetail {
  const subject = `job ${id}`;
  const raw = parseRaw(rawJobDetailSchema, data, subject);
  const selection = raw.contractorSelection;
  const qualification = selection?.qualification;
  const activity = raw.activityStat?.jobActivity;
  const company = raw.clientCompanyPublic;
  const questions = (selection?.proposalRequirement?.screeningQuestions ?? [])
    .filter((question) => question?.question)
    .sort((a, b) => (a?.sequenceNumber ?? 0) - (b?.sequenceNumber ?? 0))
    .map((question) => clip(question?.question, 100_000) ?? '')
    .slice(0, 100);
  const detail: JobDetail = {
    id: raw.id,
    title: clip(raw.content?.title, 100_000) ?? '',
    activity: {
      lastClientActivity: clip(activity?.lastClientActivity),
      invitesSent: activity?.invitesSent ?? 0,
      interviewing: activity?.totalInvitedToInterview ?? 0,
      hired: activity?.totalHired ?? 0,
      offered: activity?.totalOffered ?? 0,
      unansweredInvites: activity?.totalUnansweredInvites ?? 0,
    },
    screeningQuestions: questions,
    qualifications: {
      jobSuccessScore: qualification?.jobSuccessScore ?? null,
      risingTalent: qualification?.risingTalent ?? null,
      englishProficiency:
        qualification?.englishProficiency === null || qualification?.englishProficiency === undefined
          ? null
          : clip(String(qualification.englishProficiency)),
      hoursWorked: qualification?.hoursWorked ?? null,
      hasPortfolio: qualification?.hasPortfolio ?? null,
      countries: (selection?.location?.countries ?? []).map((country) => clip(country) ?? '').slice(0, 300),
      timezones: (selection?.location?.timezones ?? []).map((zone) => clip(zone) ?? '').slice(0, 300),
    },
    client: {
      country: clip(company?.country?.name),
      city: clip(company?.city),
      timezone: clip(company?.timezone),
      paymentVerified: paymentVerifiedOf(company?.paymentVerification ?? null),
    },
    contractType: contractTypeOf(raw.contractTerms?.contractType),
    personsToHire: raw.contractTerms?.personsToHire == null ? null : Math.max(0, Math.round(raw.contractTerms.personsToHire)),
  };
  return parseRaw(jobDetailSchema, detail, subject);
}
