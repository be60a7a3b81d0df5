import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { BUILT_IN_OAUTH_CLIENTS } from './generate';
import { type Dataset, datasetSchema } from './schema';

/** Path of the first problem, e.g. "jobs[3].title", so a bad file is quick to fix. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.reduce<string>(
        (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
        '',
      );
      return `${path || '(root)'}: ${issue.message}`;
    })
    .join('; ');
}

/** Checks a parsed JSON value; throws an Error naming the field path. Adds the built-in OAuth clients. */
export function parseDataset(value: unknown, source = 'dataset'): Dataset {
  const result = datasetSchema.safeParse(value);
  if (!result.success) throw new Error(`Invalid sandbox ${source}: ${describeIssues(result.error)}`);
  const dataset = result.data;
  const jobIds = new Set<string>();
  dataset.jobs.forEach((job, i) => {
    if (jobIds.has(job.id)) throw new Error(`Invalid sandbox ${source}: jobs[${i}].id: duplicate id ${job.id}`);
    jobIds.add(job.id);
  });
  const clientIds = new Set(dataset.clients.map((c) => c.id));
  dataset.jobs.forEach((job, i) => {
    if (!clientIds.has(job.clientId)) throw new Error(`Invalid sandbox ${source}: jobs[${i}].clientId: no client "${job.clientId}"`);
  });
  for (const builtIn of BUILT_IN_OAUTH_CLIENTS) {
    if (!dataset.oauthClients.some((c) => c.clientId === builtIn.clientId)) dataset.oauthClients.push(structuredClone(builtIn));
  }
  return dataset;
}

export function loadDatasetFile(path: string): Dataset {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Could not read sandbox data file ${path}: ${(error as Error).message}`);
  }
  return parseDataset(json, `data file ${path}`);
}
