import { z } from 'zod';
import { freelancerStatsSchema, jobDetailSchema, jobIdSchema, jobSummarySchema, profileKeySchema } from '../../upwork/model';
import { defineMessages } from '../define';

/** The search the page shows, so the worker can mirror it with one API search call. */
export const pageQuerySchema = z.strictObject({
  q: z.string().max(500).optional(),
  /** 0-based offset of the first tile on the page the user is looking at. */
  offset: z.number().int().min(0).max(5_000).optional(),
  pageSize: z.number().int().min(1).max(100).optional(),
});

export const landmarkHealthSchema = z.strictObject({
  page: z.string().max(40),
  url: z.string().max(2_000),
  /** Landmark name -> whether any of its selectors matched. */
  landmarks: z.record(z.string().max(60), z.boolean()),
  disabledFeatures: z.array(z.string().max(60)).max(50),
  at: z.number(),
});
export type LandmarkHealth = z.infer<typeof landmarkHealthSchema>;

export const pageMessages = defineMessages({
  /** Client stats for the tiles on screen: one mirrored search, then coalesced lookups for the rest. */
  'jobs.forTiles': {
    request: z.strictObject({ ids: z.array(jobIdSchema).min(1).max(100), query: pageQuerySchema.optional() }),
    response: z.strictObject({
      jobs: z.array(jobSummarySchema),
      missing: z.array(jobIdSchema),
      /** For missing ids, what the job detail still tells about the client (country, zone, payment). */
      partial: z.record(jobIdSchema, jobDetailSchema.shape.client).optional(),
    }),
    from: ['content-script', 'extension-page'],
  },
  'jobs.detail': {
    request: z.strictObject({ id: jobIdSchema }),
    response: z.strictObject({ job: jobDetailSchema.nullable() }),
    from: ['content-script', 'extension-page'],
  },
  'freelancer.byKey': {
    request: z.strictObject({ profileKey: profileKeySchema }),
    response: z.strictObject({ freelancer: freelancerStatsSchema.nullable() }),
    from: ['content-script', 'extension-page'],
  },
  /** The content script reports which page landmarks matched, for the popup's health line. */
  'page.reportHealth': {
    request: landmarkHealthSchema.omit({ at: true }),
    response: z.strictObject({ ok: z.literal(true) }),
    from: ['content-script'],
  },
  'page.health': {
    request: z.strictObject({}),
    response: z.strictObject({ reports: z.array(landmarkHealthSchema).max(50) }),
    from: ['extension-page'],
  },
});
