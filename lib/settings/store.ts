import type { z } from 'zod';
import { describeIssues, pathErrorLine } from './describe';
import { type FieldIssue, importSchema, parseStored, type Spec, type SpecValue } from './fields';
import { asCurrent, type ItemName, loupeItems, storageVersions, writeItems } from './items';
import { RefusedWrite } from './refused';
import {
  type BlockList,
  blockListSpec,
  type Notes,
  notesSpec,
  PAGE_SAMPLE_DESCRIPTION_MAX,
  PAGE_SAMPLE_MAX_AGE_MS,
  PAGE_SAMPLE_MAX_JOBS,
  type PageSample,
  pageSampleSchema,
  type RecentJobs,
  recentJobsSchema,
  type SavedSearches,
  SEEN_MAX,
  type SeenJobs,
  type Settings,
  savedSearchesSpec,
  seenJobsSchema,
  settingsSpec,
} from './schema';

/**
 * Typed reads and writes over the storage items. Readable from every context (options page, popup,
 * content scripts, worker): none of this is secret. Reads never throw; a write is checked against
 * the strict schema first, so a bug cannot store something the next read would have to repair.
 *
 * Concurrency: each write replaces the whole value. `update` reads right before writing, which
 * keeps the window small; two tabs writing the same item in the same instant can still lose one
 * change (browser storage has no compare-and-swap). Acceptable for notes typed by one person.
 */

export interface StoredDoc<T> {
  read(): Promise<{ value: T; issues: FieldIssue[] }>;
  get(): Promise<T>;
  write(value: T): Promise<void>;
  update(change: (current: T) => T): Promise<T>;
  /** Called with the parsed value after every change, from any context. */
  watch(callback: (value: T) => void): () => void;
}

function docFor<S extends Spec>(name: Exclude<ItemName, 'seenJobs'>, spec: S, area: string): StoredDoc<SpecValue<S>> {
  const strict = importSchema(spec);
  const parse = (raw: unknown, meta: { v?: unknown }) => {
    // Only a value saved by an older version is read through the migrations (the worker writes the
    // migration itself): a current value is parsed as it is, so damage in it is named, not hidden.
    const older = (typeof meta.v === 'number' ? meta.v : 1) < storageVersions[name];
    const { value, issues } = parseStored(spec, (older ? asCurrent(name, raw) : raw) ?? undefined);
    return { value, issues: issues.map((issue) => ({ ...issue, path: area === '' ? issue.path : `${area}.${issue.path}` })) };
  };
  const doc: StoredDoc<SpecValue<S>> = {
    read: async () => {
      const item = loupeItems()[name];
      const [raw, meta] = await Promise.all([item.getValue(), item.getMeta()]);
      return parse(raw, meta);
    },
    get: async () => (await doc.read()).value,
    write: async (value) => {
      const checked = strict.safeParse(value, { reportInput: true });
      if (!checked.success && !shrinksOverlongOnly(checked.error.issues, value, await loupeItems()[name].getValue())) {
        const lines = describeIssues(checked.error.issues, area === '' ? [] : [area]).map(pathErrorLine);
        throw new RefusedWrite(`Loupe refused to save ${area || 'this'}: ${lines.slice(0, 3).join('; ')}`);
      }
      await writeItems([[name, structuredClone(value)]]);
    },
    update: async (change) => {
      const next = change(await doc.get());
      await doc.write(next);
      return next;
    },
    watch: (callback) => {
      const item = loupeItems()[name];
      return item.watch((raw) => void item.getMeta().then((meta) => callback(parse(raw, meta).value)));
    },
  };
  return doc;
}

/**
 * A list already over its limit in storage (written by another version, or behind Loupe's back)
 * may still be saved as long as it does not grow: the user can remove entries until it fits.
 */
function shrinksOverlongOnly(issues: readonly z.core.$ZodIssue[], next: unknown, stored: unknown): boolean {
  const at = (root: unknown, path: readonly PropertyKey[]) =>
    path.reduce<unknown>(
      (value, key) => (value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined),
      root,
    );
  return issues.every((issue) => {
    if (issue.code !== 'too_big' || issue.origin !== 'array') return false;
    const [now, before] = [at(next, issue.path), at(stored, issue.path)];
    return Array.isArray(now) && Array.isArray(before) && now.length <= before.length;
  });
}

export const settingsDoc = docFor('settings', settingsSpec, 'settings');
export const blockListDoc = docFor('blockList', blockListSpec, 'blockList');
export const notesDoc = docFor('notes', notesSpec, 'notes');
export const savedSearchesDoc = docFor('savedSearches', savedSearchesSpec, 'savedSearches');

/** Seen jobs: a bounded list, repaired entry by entry (a bad entry is dropped, not the list). */
export function parseSeenJobs(raw: unknown): SeenJobs {
  if (!Array.isArray(raw)) return [];
  const kept: SeenJobs = [];
  for (const entry of raw) {
    const parsed = seenJobsSchema.element.safeParse(entry);
    if (parsed.success) kept.push(parsed.data);
  }
  return kept.slice(-SEEN_MAX);
}

export const seenJobsDoc = {
  get: async (): Promise<SeenJobs> => parseSeenJobs(await loupeItems().seenJobs.getValue()),
  write: async (value: SeenJobs): Promise<void> => {
    await writeItems([['seenJobs', parseSeenJobs(value)]]);
  },
  update: async (change: (current: SeenJobs) => SeenJobs): Promise<SeenJobs> => {
    const next = parseSeenJobs(change(await seenJobsDoc.get()));
    await writeItems([['seenJobs', next]]);
    return next;
  },
  watch: (callback: (value: SeenJobs) => void): (() => void) => loupeItems().seenJobs.watch((raw) => callback(parseSeenJobs(raw))),
};

/** The last list's jobs, or null when there is none, it is unreadable, or older than 24 hours. */
export function parsePageSample(raw: unknown, now: number): PageSample | null {
  const parsed = pageSampleSchema.safeParse(raw);
  if (!parsed.success || now - parsed.data.at > PAGE_SAMPLE_MAX_AGE_MS || parsed.data.at > now + 60_000) return null;
  return parsed.data;
}

export const pageSampleDoc = {
  get: async (now = Date.now()): Promise<PageSample | null> => parsePageSample(await loupeItems().pageSample.getValue(), now),
  /** Keeps the newest 100 jobs and cuts long descriptions, so the sample stays small. */
  write: async (sample: PageSample): Promise<void> => {
    const jobs = sample.jobs
      .slice(0, PAGE_SAMPLE_MAX_JOBS)
      .map((job) => ({ ...job, description: job.description.slice(0, PAGE_SAMPLE_DESCRIPTION_MAX) }));
    const value = pageSampleSchema.parse({ ...sample, url: sample.url.slice(0, 2_000), title: sample.title.slice(0, 300), jobs });
    await writeItems([['pageSample', value]]);
  },
  watch: (callback: (value: PageSample | null) => void): (() => void) =>
    loupeItems().pageSample.watch((raw) => callback(parsePageSample(raw, Date.now()))),
};

/** The jobs the user saw lately, for the rules backtest; unreadable means none (it refills as lists are seen). */
function parseRecentJobs(raw: unknown): RecentJobs {
  const parsed = recentJobsSchema.safeParse(raw);
  return parsed.success ? parsed.data : [];
}

export const recentJobsDoc = {
  get: async (): Promise<RecentJobs> => parseRecentJobs(await loupeItems().recentJobs.getValue()),
  /** Written by the worker only (one writer, so no update is lost between tabs). */
  write: async (value: RecentJobs): Promise<void> => {
    await writeItems([['recentJobs', recentJobsSchema.parse(value)]]);
  },
  watch: (callback: (value: RecentJobs) => void): (() => void) => loupeItems().recentJobs.watch((raw) => callback(parseRecentJobs(raw))),
};

/**
 * Every stored field that could not be read and is running on its default, across all items.
 * Shown by the options page and the popup; the list empties once the user saves that item again.
 */
export async function readSettingsHealth(): Promise<FieldIssue[]> {
  const reads = await Promise.all([settingsDoc.read(), blockListDoc.read(), notesDoc.read(), savedSearchesDoc.read()]);
  return reads.flatMap((read) => read.issues);
}

/** Everything a backup holds, read in one go. */
export interface PowerData {
  settings: Settings;
  notes: Notes;
  blockList: BlockList;
  savedSearches: SavedSearches;
}

export async function readPowerData(): Promise<PowerData> {
  const [settings, notes, blockList, savedSearches] = await Promise.all([
    settingsDoc.get(),
    notesDoc.get(),
    blockListDoc.get(),
    savedSearchesDoc.get(),
  ]);
  return { settings, notes, blockList, savedSearches };
}

/**
 * Writes the given items in ONE `storage.local.set` call, so an import lands whole or not at all;
 * items left out are not touched (a stale copy of them must not overwrite newer edits).
 * Values are checked first; nothing is written if any is wrong.
 */
export async function writePowerData(data: Partial<PowerData>): Promise<void> {
  const checks: Array<[ItemName & keyof PowerData, Spec, unknown]> = [
    ['settings', settingsSpec, data.settings],
    ['notes', notesSpec, data.notes],
    ['blockList', blockListSpec, data.blockList],
    ['savedSearches', savedSearchesSpec, data.savedSearches],
  ];
  const present = checks.filter(([, , value]) => value !== undefined);
  for (const [area, spec, value] of present) {
    const checked = importSchema(spec).safeParse(value, { reportInput: true });
    if (!checked.success) {
      const lines = describeIssues(checked.error.issues, [area]).map(pathErrorLine);
      throw new RefusedWrite(`Loupe refused to save: ${lines.slice(0, 3).join('; ')}`);
    }
  }
  await writeItems(present.map(([area, , value]) => [area, structuredClone(value)] as const));
}
