import { z } from 'zod';
import { jobIdSchema } from '../../upwork/model';
import { defineMessages } from '../define';

/** The client dossier (lib/power/dossier.ts): what Loupe remembers of each tile's client. */

const count = z.number().int().nonnegative();
export const clientFactsSchema = z.strictObject({
  postedLast30Days: count,
  postedLast90Days: count,
  reposts: count,
  spendChange: z.number().finite().nullable(),
  hiresChange: z.number().int().nullable(),
  firstSeenAt: z.number().finite(),
});

export const dossierMessages = defineMessages({
  'dossier.forJobs': {
    request: z.strictObject({ ids: z.array(jobIdSchema).min(1).max(100) }),
    response: z.strictObject({ facts: z.record(jobIdSchema, clientFactsSchema) }),
    from: ['content-script'],
  },
});
