import { z } from 'zod';
import { lazy } from '../../helpers/lazy';
import { freelancerStatsSchema, jobDetailSchema, jobIdSchema, jobSummarySchema, profileKeySchema } from '../../upwork/model';
import { pageSearchSchema } from '../../upwork/site/page-search';
import { type LandmarkName, landmarks, TILE_SIGNALS } from '../../upwork/site/selectors';
import { defineMessages, message } from '../define';
import { apiErrorCodes } from '../error-codes';
import { vetted } from '../vetted';

/** Why one tile's lookup failed. */
const tileErrorCodeSchema = z.enum(apiErrorCodes);

/** The search the page shows (query, URL filters, sort, slice), so the worker can mirror it through the API. */
export const pageQuerySchema = pageSearchSchema;

export const landmarkHealthSchema = lazy(() =>
  z.strictObject({
    page: z.string().max(40),
    url: z.string().max(2_000),
    /**
     * Landmark name -> whether any of its selectors matched. Only Loupe's own landmark names: a page
     * that subverts the content script cannot fill the worker's session storage with made-up keys.
     */
    landmarks: z.partialRecord(z.enum([...(Object.keys(landmarks) as LandmarkName[]), ...TILE_SIGNALS]), z.boolean()),
    disabledFeatures: z.array(z.string().max(60)).max(50),
    at: z.number(),
  }),
);
export type LandmarkHealth = z.infer<ReturnType<typeof landmarkHealthSchema>>;

export const pageMessages = defineMessages({
  /**
   * Client stats for the tiles on screen (visible ones first): the page's search mirrored, then a
   * precise lookup by title for each tile it did not return, many to one request.
   */
  'jobs.forTiles': message(['content-script', 'extension-page'], () => ({
    request: z.strictObject({
      ids: z.array(jobIdSchema).min(1).max(100),
      query: pageQuerySchema.optional(),
      /** Each tile's title, as the page shows it, for the precise lookup. */
      titles: z.record(jobIdSchema, z.string().max(500)).optional(),
    }),
    response: z.strictObject({
      jobs: z.array(vetted(jobSummarySchema)),
      missing: z.array(jobIdSchema),
      /** For missing ids, what the job detail still tells about the client (country, zone, payment). */
      partial: z.record(jobIdSchema, jobDetailSchema.shape.client).optional(),
      /** Looked up and not found: the job closed or is private. */
      notFound: z.array(jobIdSchema).optional(),
      /** Ids whose own lookup failed, and why; every other tile is unaffected. */
      errors: z.record(jobIdSchema, z.strictObject({ code: tileErrorCodeSchema, message: z.string().max(1_000) })).optional(),
      /** Ids held back by Upwork's 429 slow-down; ask again after `retryAt` (epoch ms). */
      limited: z.strictObject({ ids: z.array(jobIdSchema), retryAt: z.number() }).optional(),
    }),
  })),
  'jobs.detail': message(['content-script', 'extension-page'], () => ({
    request: z.strictObject({ id: jobIdSchema }),
    response: z.strictObject({ job: jobDetailSchema.nullable() }),
  })),
  'freelancer.byKey': message(['content-script', 'extension-page'], () => ({
    request: z.strictObject({ profileKey: profileKeySchema }),
    response: z.strictObject({ freelancer: freelancerStatsSchema.nullable() }),
  })),
  /** The content script reports which page landmarks matched, for the popup's health line. */
  'page.reportHealth': message(['content-script'], () => ({
    request: landmarkHealthSchema().omit({ at: true }),
    response: z.strictObject({ ok: z.literal(true) }),
  })),
  'page.health': message(['extension-page'], () => ({
    request: z.strictObject({}),
    response: z.strictObject({ reports: z.array(landmarkHealthSchema()).max(50) }),
  })),
});
