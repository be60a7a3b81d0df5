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
 * only. The worker reads and checks it once while it runs and keeps it in memory: it grows to
 * 20,000 jobs (~4 MB), and reading, checking and rewriting all of it on every page a user opens
 * took the worker tens to hundreds of milliseconds each time. Pages' jobs land in memory at once
 * and reach storage at most once a second. An unreadable copy counts as empty and refills as pages
 * are seen; one that could not be read at all (storage failing) is never overwritten.
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

/** How long new jobs wait in memory for others to share their write. */
export const DOSSIER_WRITE_DELAY_MS = 1_000;

interface Held {
  entries: DossierEntry[];
  /** False when storage could not be read: writing then would replace what is there. */
  writable: boolean;
}

let held: Promise<Held> | undefined;
let writeTimer: ReturnType<typeof setTimeout> | undefined;

async function read(): Promise<Held> {
  try {
    const parsed = dossierSchema.safeParse(await loupeItems().dossier.getValue());
    return { entries: parsed.success ? parsed.data : [], writable: true };
  } catch (error) {
    console.warn('[loupe] could not read the client dossier; it keeps only this session’s jobs', error);
    return { entries: [], writable: false };
  }
}

function current(): Promise<Held> {
  held ??= read();
  return held;
}

/** Remembers the jobs a page showed (with their clients' stats as shown). */
export function recordDossierJobs(jobs: readonly JobSummary[], now = Date.now()): Promise<void> {
  const next = current().then(({ entries, writable }) => ({ entries: addToDossier(entries, jobs, now), writable }));
  held = next;
  writeTimer ??= setTimeout(() => {
    writeTimer = undefined;
    void flushDossier();
  }, DOSSIER_WRITE_DELAY_MS);
  return next.then(() => undefined);
}

/** Writes the jobs held in memory now (the timer's write; tests). */
export async function flushDossier(): Promise<void> {
  const { entries, writable } = await current();
  if (!writable) return;
  // Built by addToDossier from checked entries and checked jobs: checked again only when read.
  await writeItems([['dossier', entries]]).catch((error: unknown) => console.warn('[loupe] could not save the client dossier', error));
}

/** Tests: forget the copy in memory, as a new worker would. */
export function forgetDossierForTests(): void {
  clearTimeout(writeTimer);
  writeTimer = undefined;
  held = undefined;
}

/** What the dossier knows of each job's client, with the jobs recorded so far. */
export async function dossierFacts(ids: readonly string[], now = Date.now()): Promise<Record<string, ClientFacts>> {
  const { entries } = await current();
  const facts: Record<string, ClientFacts> = {};
  for (const id of ids) {
    const found = clientFacts(entries, id, now);
    if (found) facts[id] = found;
  }
  return facts;
}

/** The other jobs Loupe showed of this job's client (for its job page), with the jobs recorded so far. */
export async function dossierClientJobs(id: string): Promise<OtherJob[]> {
  return otherJobsOfClient((await current()).entries, id, OTHER_JOBS_MAX);
}
