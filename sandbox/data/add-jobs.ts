import { makeJob } from './generate';
import { createRng } from './prng';
import type { Dataset, JobRecord } from './schema';

/**
 * New postings published "now" (for job alerts): ids above every existing id, and the returned list
 * is newest first, the order a RECENCY search shows them.
 */
export function addJobs(dataset: Dataset, startedAt: number, count: number, template: Partial<JobRecord> = {}, seed = 1): JobRecord[] {
  if (dataset.clients.length === 0) throw new Error('The dataset has no clients to post jobs');
  const rng = createRng((seed * 7919 + dataset.jobs.length) >>> 0);
  let top = dataset.jobs.reduce((max, j) => (BigInt(j.id) > max ? BigInt(j.id) : max), 2024696422907076268n);
  const nowMinutes = -(Date.now() - startedAt) / 60_000;
  const added: JobRecord[] = [];
  for (let i = 0; i < count; i++) {
    top += BigInt(rng.int(1, 9999));
    // Later index = newer: a hair more recent so RECENCY order is strict.
    const base = makeJob(rng, 100 + i, String(top), nowMinutes - i / 1000, dataset.clients);
    const job: JobRecord = { ...base, ...template, id: String(top), publishedMinutesAgo: nowMinutes - i / 1000 };
    if (!dataset.clients.some((c) => c.id === job.clientId)) throw new Error(`addJobs: no client "${job.clientId}"`);
    added.push(job);
  }
  dataset.jobs.push(...added);
  return added.reverse();
}
