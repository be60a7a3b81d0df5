import { z } from 'zod';
import { OTHER_JOBS_MAX } from '../messaging/messages/dossier';
import {
  addToDossier,
  type ClientFacts,
  clientFacts,
  DOSSIER_MAX_JOBS,
  type DossierEntry,
  type OtherJob,
  otherJobsOfClient,
} from '../power/dossier';
import { loupeItems, writeItems } from '../settings/items';
import type { JobSummary } from '../upwork/model';
import { heldDoc } from './held-doc';

/**
 * The client dossier's store (see lib/power/dossier.ts): `local:dossier`, written by the worker
 * only and held in its memory (held-doc.ts): it grows to 20,000 jobs (~4 MB). An unreadable copy
 * counts as empty and refills as pages are seen.
 */

const amount = z.number().finite().nullable();
const entrySchema = z.strictObject({
  id: z.string().min(1).max(40),
  client: z.string().min(1).max(128),
  title: z.string().max(200),
  postedAt: z.number().finite(),
  seenAt: z.number().finite(),
  spent: amount,
  hires: z.number().int().nonnegative(),
  spentBefore: amount,
  hiresBefore: z.number().int().nonnegative().nullable(),
});
const dossierSchema = z.array(entrySchema).max(DOSSIER_MAX_JOBS);

export const dossier = heldDoc<DossierEntry[]>({
  name: 'the client dossier',
  read: async () => {
    const parsed = dossierSchema.safeParse(await loupeItems().dossier.getValue());
    return parsed.success ? parsed.data : [];
  },
  // Built by addToDossier from checked entries and checked jobs: checked again when read.
  write: (entries) => writeItems([['dossier', entries]]),
  empty: [],
});

/** Remembers the jobs a page showed (with their clients' stats as shown). */
export async function recordDossierJobs(jobs: readonly JobSummary[], now = Date.now()): Promise<void> {
  await dossier.update((entries) => addToDossier(entries, jobs, now));
}

/** What the dossier knows of each job's client, with the jobs recorded so far. */
export async function dossierFacts(ids: readonly string[], now = Date.now()): Promise<Record<string, ClientFacts>> {
  const entries = await dossier.get();
  const facts: Record<string, ClientFacts> = {};
  for (const id of ids) {
    const found = clientFacts(entries, id, now);
    if (found) facts[id] = found;
  }
  return facts;
}

/** The other jobs Loupe showed of this job's client (for its job page), with the jobs recorded so far. */
export async function dossierClientJobs(id: string): Promise<OtherJob[]> {
  return otherJobsOfClient(await dossier.get(), id, OTHER_JOBS_MAX);
}
