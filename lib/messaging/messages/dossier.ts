import { z } from 'zod';
import { jobIdSchema } from '../../upwork/model';
import { defineMessages, message } from '../define';

/** The client dossier (lib/power/dossier.ts): what Loupe remembers of each tile's client. */

const count = z.number().int().nonnegative();
export const clientFactsSchema = z.lazy(() =>
  z.strictObject({
    postedLast30Days: count,
    postedLast90Days: count,
    reposts: count,
    spendChange: z.number().finite().nullable(),
    hiresChange: z.number().int().nullable(),
    firstSeenAt: z.number().finite(),
  }),
);

/** How many of a client's other jobs a job page lists: enough to see a pattern, not a second search page. */
export const OTHER_JOBS_MAX = 5;

export const dossierMessages = defineMessages({
  'dossier.forJobs': message(['content-script'], () => ({
    request: z.strictObject({ ids: z.array(jobIdSchema).min(1).max(100) }),
    response: z.strictObject({ facts: z.record(jobIdSchema, clientFactsSchema) }),
  })),
  /** A job page's list of the client's other jobs: only id, title and posting time, and only a few. */
  'dossier.clientJobs': message(['content-script'], () => ({
    request: z.strictObject({ id: jobIdSchema }),
    response: z.strictObject({
      jobs: z
        .array(z.strictObject({ id: jobIdSchema, title: z.string().max(200), postedAt: z.number().finite().nonnegative() }))
        .max(OTHER_JOBS_MAX),
    }),
  })),
});
