import { z } from 'zod';
import { importSchema, type SpecValue } from '../../settings/fields';
import { NOTE_TEXT_MAX, SEEN_ASK_MAX } from '../../settings/limits';
import { blockListSpec, notesSpec, pageSampleSchema, seenJobsSchema, settingsSpec } from '../../settings/schema';
import { jobIdSchema } from '../../upwork/model';
import { defineMessages, message } from '../define';

/**
 * What the content script reads and writes of the user's own data (settings, block list, notes,
 * seen jobs, feature switches, exports), through the worker: the page's world never holds a
 * storage handle, and the worker checks every write. After a change the worker sends the page
 * a bare 'power.changed' notice (no data) and the page asks again.
 */

/** Stored values are already parsed by the worker; the schema keeps the answer strict. */
const full = <S extends Parameters<typeof importSchema>[0]>(spec: S) =>
  importSchema(spec).transform((value) => value as unknown as SpecValue<S>);

const ok = z.lazy(() => z.strictObject({ ok: z.literal(true) }));
/** The job poster's API client id (see lib/power/client-key.ts): whom a block is about, never the user. */
const clientId = z.string().min(1).max(128);

export const EXPORT_TEXT_MAX = 20_000_000;

export const powerMessages = defineMessages({
  /** Everything the page features start from, in one answer. */
  'power.state': message(['content-script'], () => ({
    request: z.strictObject({}),
    response: z.strictObject({
      toggles: z.record(z.string().max(60), z.boolean()),
      settings: full(settingsSpec),
      blockList: full(blockListSpec),
      notes: full(notesSpec),
    }),
  })),
  // Asked for the page's tiles only: a long-used profile remembers 5,000 jobs, which every page would otherwise receive.
  'power.seenJobs': message(['content-script'], () => ({
    request: z.strictObject({ ids: z.array(jobIdSchema).min(1).max(SEEN_ASK_MAX) }),
    response: z.strictObject({ seen: seenJobsSchema.max(SEEN_ASK_MAX) }),
  })),
  'power.markSeen': message(['content-script'], () => ({
    request: z.strictObject({ ids: z.array(jobIdSchema).min(1).max(500) }),
    response: ok,
  })),
  'power.saveNote': message(['content-script'], () => ({
    request: z.strictObject({
      target: z.enum(['client', 'job']),
      key: z.string().min(1).max(128),
      text: z.string().max(NOTE_TEXT_MAX),
      tags: z.string().max(2_000),
      label: z.string().max(500),
    }),
    response: ok,
  })),
  'power.block': message(['content-script'], () => ({
    request: z.strictObject({ posterId: clientId, label: z.string().max(500) }),
    response: ok,
  })),
  'power.unblock': message(['content-script'], () => ({
    request: z.strictObject({ posterId: clientId }),
    response: ok,
  })),
  /** The list's jobs, for the rules editor's "would hide N of M" preview. */
  'power.pageSample': message(['content-script'], () => ({
    request: pageSampleSchema,
    response: ok,
  })),
  /** A page export, saved by the worker through the downloads API: no download link ever sits in the page. */
  'power.export': message(['content-script'], () => ({
    request: z.strictObject({
      fileName: z.string().regex(/^[\w.-]{1,100}\.(csv|json)$/),
      text: z.string().max(EXPORT_TEXT_MAX),
    }),
    response: ok,
  })),
});
