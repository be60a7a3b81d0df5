import { z } from 'zod';

/**
 * The shape of a search page's query (see search-url.ts, which reads it from the URL), checked by
 * the worker when a page sends it. Its own module: the content script imports only its types, so
 * it carries no zod.
 */

const range = z.strictObject({
  min: z.number().int().min(0).max(100_000_000).optional(),
  max: z.number().int().min(0).max(100_000_000).optional(),
});
export type NumberRange = z.infer<typeof range>;

const label = z.string().min(1).max(100);

export const pageSearchSchema = z.strictObject({
  q: z.string().max(500).optional(),
  /** 0-based offset of the first tile on the page the user is looking at. */
  offset: z.number().int().min(0).max(5_000).optional(),
  pageSize: z.number().int().min(1).max(100).optional(),
  sort: z.enum(['RECENCY', 'RELEVANCE', 'CLIENT_TOTAL_CHARGE', 'CLIENT_RATING']).optional(),
  jobType: z.enum(['HOURLY', 'FIXED']).optional(),
  experienceLevel: z.enum(['ENTRY_LEVEL', 'INTERMEDIATE', 'EXPERT']).optional(),
  verifiedPaymentOnly: z.literal(true).optional(),
  previousClients: z.literal(true).optional(),
  clientHires: range.optional(),
  budget: range.optional(),
  hourlyRate: range.optional(),
  proposals: range.optional(),
  locations: z.array(label).min(1).max(50).optional(),
  timezone: label.optional(),
  categoryIds: z
    .array(z.string().regex(/^\d{1,30}$/))
    .min(1)
    .max(50)
    .optional(),
  subcategoryIds: z
    .array(z.string().regex(/^\d{1,30}$/))
    .min(1)
    .max(50)
    .optional(),
});
export type PageSearch = z.infer<typeof pageSearchSchema>;
