import { z } from 'zod';

export interface Faults {
  /** Added to every API (GraphQL and token) answer. */
  latencyMs: number;
  /** 0..1 share of GraphQL answers that are HTTP 500/502/503. */
  serverErrorRate: number;
  /** Epoch ms: every GraphQL request before it gets 429 (a "429 storm"). */
  rateLimitUntil: number;
  /** When set, 429 answers carry Retry-After. */
  retryAfterSeconds: number | null;
  /** 0..1 share of GraphQL answers whose body is truncated JSON. */
  malformedJsonRate: number;
  /** 'missing-field' drops client.totalHires, 'wrong-type' makes totalSpent.rawValue a number, in search results. */
  schemaDrift: 'none' | 'missing-field' | 'wrong-type';
  /** Scopes treated as not granted for every client. */
  missingScopes: string[];
  /** Page landmarks left out of rendered pages (see LANDMARKS in pages/context.ts). */
  dropLandmarks: string[];
  /** Job ids: a search for one of these jobs' own title words fails (that alias alone; other tiles' lookups go through). */
  failSearchesFor: string[];
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  serverErrorRate: 0,
  rateLimitUntil: 0,
  retryAfterSeconds: null,
  malformedJsonRate: 0,
  schemaDrift: 'none',
  missingScopes: [],
  dropLandmarks: [],
  failSearchesFor: [],
};

/** Checks a patch arriving over HTTP (POST /__sandbox/faults). */
export const faultsPatchSchema = z
  .strictObject({
    latencyMs: z.number().min(0).max(120_000),
    serverErrorRate: z.number().min(0).max(1),
    rateLimitUntil: z.number().min(0),
    retryAfterSeconds: z.number().int().min(0).nullable(),
    malformedJsonRate: z.number().min(0).max(1),
    schemaDrift: z.enum(['none', 'missing-field', 'wrong-type']),
    missingScopes: z.array(z.string()),
    dropLandmarks: z.array(z.string()),
    failSearchesFor: z.array(z.string()),
  })
  .partial();

export function mergeFaults(base: Faults, patch: Partial<Faults> = {}): Faults {
  const merged = { ...base };
  for (const [key, value] of Object.entries(patch) as [keyof Faults, Faults[keyof Faults]][]) {
    if (value !== undefined) (merged as Record<keyof Faults, unknown>)[key] = Array.isArray(value) ? [...value] : value;
  }
  return merged;
}
