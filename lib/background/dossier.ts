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

/**
 * The client dossier's store (see lib/power/dossier.ts): `local:dossier`, written by the worker
 * only and one write at a time; an unreadable copy counts as empty and refills as pages are seen.
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

async function read(): Promise<DossierEntry[]> {
  const parsed = dossierSchema.safeParse(await loupeItems().dossier.getValue());
  return parsed.success ? parsed.data : [];
}

let chain: Promise<unknown> = Promise.resolve();

/** Remembers the jobs a page showed (with their clients' stats as shown). */
export function recordDossierJobs(jobs: readonly JobSummary[], now = Date.now()): Promise<void> {
  const next = chain.then(async () => writeItems([['dossier', dossierSchema.parse(addToDossier(await read(), jobs, now))]]));
  chain = next.catch((error: unknown) => console.warn('[loupe] could not update the client dossier', error));
  return next;
}

/** What the dossier knows of each job's client, after the writes already asked for. */
export async function dossierFacts(ids: readonly string[], now = Date.now()): Promise<Record<string, ClientFacts>> {
  await chain;
  const entries = await read();
  const facts: Record<string, ClientFacts> = {};
  for (const id of ids) {
    const found = clientFacts(entries, id, now);
    if (found) facts[id] = found;
  }
  return facts;
}

/** The other jobs Loupe showed of this job's client (for its job page), after the writes already asked for. */
export async function dossierClientJobs(id: string): Promise<OtherJob[]> {
  await chain;
  return otherJobsOfClient(await read(), id, OTHER_JOBS_MAX);
}
