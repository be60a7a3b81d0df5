import { z } from 'zod';
import { describeIssues, type PathError } from '../settings/describe';
import { importSchema, isPlainObject, mergeFields, parseStored } from '../settings/fields';
import {
  type BlockList,
  blockListSpec,
  defaultSettings,
  type Notes,
  notesSpec,
  type SavedSearch,
  type SavedSearches,
  savedSearchesSpec,
  settingsSpec,
} from '../settings/schema';
import { type PowerData, readPowerData, writePowerData } from '../settings/store';
import { mergeBlockLists } from './blocklist';
import { BACKUP_FORMAT, BACKUP_VERSION } from './export';
import { mergeNotes } from './notes';

/**
 * Reading a backup file someone hands us. Everything is checked before anything is written, and
 * every problem is reported with the path of the field it is in. Cheap checks run first, so a
 * huge or hostile file is refused before it is parsed:
 * size → nesting depth and string length (one pass over the text) → JSON → forbidden keys → schema.
 */

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_DEPTH = 32;
export const IMPORT_MAX_STRING = 100_000;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_REPORTED = 50;

export type ImportMode = 'merge' | 'replace';

const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  exportedAt: z.string().max(64).optional(),
  settings: importSchema(settingsSpec).optional(),
  notes: importSchema(notesSpec).optional(),
  blockList: importSchema(blockListSpec).optional(),
  savedSearches: importSchema(savedSearchesSpec).optional(),
});
export type ImportedBackup = z.infer<typeof backupSchema>;

export type ImportCheck = { ok: true; backup: ImportedBackup } | { ok: false; errors: PathError[] };

const fail = (path: string, message: string): ImportCheck => ({ ok: false, errors: [{ path, message }] });

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** One pass over the raw text: nesting depth and string length, without building anything. */
function scanText(text: string): string | null {
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 92 /* \ */) i += 1;
      else if (code === 34 /* " */) {
        inString = false;
        if (i - stringStart > IMPORT_MAX_STRING)
          return `A text in the file is longer than ${IMPORT_MAX_STRING.toLocaleString('en-US')} characters.`;
      }
      continue;
    }
    if (code === 34) {
      inString = true;
      stringStart = i;
    } else if (code === 123 /* { */ || code === 91 /* [ */) {
      depth += 1;
      if (depth > IMPORT_MAX_DEPTH) return `The file is nested more than ${IMPORT_MAX_DEPTH} levels deep; a Loupe backup never is.`;
    } else if (code === 125 || code === 93) {
      depth -= 1;
    }
  }
  if (inString && text.length - stringStart > IMPORT_MAX_STRING)
    return `A text in the file is longer than ${IMPORT_MAX_STRING.toLocaleString('en-US')} characters.`;
  return null;
}

/** Keys that could reach an object's prototype if any code ever copied the value naively. */
function findForbiddenKeys(root: unknown): PathError[] {
  const errors: PathError[] = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value: root, path: '' }];
  while (stack.length > 0 && errors.length < MAX_REPORTED) {
    const { value, path } = stack.pop() as { value: unknown; path: string };
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        stack.push({ value: item, path: `${path}[${index}]` });
      });
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        const at = path === '' ? key : `${path}.${key}`;
        if (FORBIDDEN_KEYS.has(key)) errors.push({ path: at, message: 'this key is not allowed in a Loupe file' });
        else stack.push({ value: (value as Record<string, unknown>)[key], path: at });
      }
    }
  }
  return errors;
}

/** Checks a backup's text. Never throws; never writes. */
export function checkBackupText(text: string): ImportCheck {
  // Length in UTF-16 units never exceeds the UTF-8 byte count, so this refuses every oversized file.
  if (text.length > IMPORT_MAX_BYTES)
    return fail('(the whole file)', `The file is larger than ${megabytes(IMPORT_MAX_BYTES)}; a Loupe backup is much smaller.`);
  const scanned = scanText(text);
  if (scanned) return fail('(the whole file)', scanned);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail('(the whole file)', `The file is not valid JSON (${error instanceof Error ? error.message : 'unreadable'}).`);
  }
  return checkBackupValue(parsed);
}

/** Checks an already-parsed value (the same checks after parsing). */
export function checkBackupValue(value: unknown): ImportCheck {
  if (!isPlainObject(value)) return fail('(the whole file)', 'The file does not hold a Loupe backup (expected an object).');
  const forbidden = findForbiddenKeys(value);
  if (forbidden.length > 0) return { ok: false, errors: forbidden };
  if (value.format !== BACKUP_FORMAT) {
    return fail('format', `This is not a Loupe backup (expected format "${BACKUP_FORMAT}", got ${JSON.stringify(value.format ?? null)}).`);
  }
  if (value.version !== BACKUP_VERSION) {
    const newer = typeof value.version === 'number' && value.version > BACKUP_VERSION;
    return fail(
      'version',
      newer
        ? `This backup was made by a newer Loupe (backup version ${value.version}). Update Loupe, then import it again.`
        : `Loupe cannot read backup version ${JSON.stringify(value.version ?? null)}; it reads version ${BACKUP_VERSION}.`,
    );
  }
  const result = backupSchema.safeParse(value, { reportInput: true });
  if (!result.success) return { ok: false, errors: describeIssues(result.error.issues).slice(0, MAX_REPORTED) };
  return { ok: true, backup: result.data };
}

/** Refuses an oversized file from its size alone, before reading a byte of it. */
export async function checkBackupFile(file: Blob): Promise<ImportCheck> {
  if (file.size > IMPORT_MAX_BYTES) {
    return fail('(the whole file)', `The file is ${megabytes(file.size)}; Loupe reads backups up to ${megabytes(IMPORT_MAX_BYTES)}.`);
  }
  return checkBackupText(await file.text());
}

function uniqueById<T extends { id: string }>(items: readonly T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}

/**
 * What storage will hold after the import. Only sections present in the file change.
 * - replace: a section from the file replaces yours (settings it leaves out take their defaults);
 * - merge: settings from the file win field by field; notes, blocked clients and saved searches are
 *   united (notes on the same client keep both texts; see mergeNotes).
 */
export function planImport(current: PowerData, backup: ImportedBackup, mode: ImportMode): PowerData {
  const notes: Notes | null = backup.notes ? parseStored(notesSpec, backup.notes).value : null;
  const blockList: BlockList | null = backup.blockList ? parseStored(blockListSpec, backup.blockList).value : null;
  // A file's job alerts arrive switched off: a hostile backup must not start checking Upwork on
  // its own schedule (and spending the user's daily budget) before the user has seen them.
  const saved: SavedSearches | null = backup.savedSearches ? { searches: arriving(current, backup).map(({ search }) => search) } : null;
  if (mode === 'replace') {
    return {
      settings: backup.settings ? mergeFields(settingsSpec, defaultSettings(), backup.settings) : current.settings,
      // Merging into nothing drops duplicate entries a hand-edited file might carry.
      notes: notes ? mergeNotes({ entries: [] }, notes) : current.notes,
      blockList: blockList ? mergeBlockLists({ clients: [] }, blockList) : current.blockList,
      savedSearches: saved ? { searches: uniqueById(saved.searches) } : current.savedSearches,
    };
  }
  return {
    settings: backup.settings ? mergeFields(settingsSpec, current.settings, backup.settings) : current.settings,
    notes: notes ? mergeNotes(current.notes, notes) : current.notes,
    blockList: blockList ? mergeBlockLists(current.blockList, blockList) : current.blockList,
    savedSearches: saved ? { searches: uniqueById([...current.savedSearches.searches, ...saved.searches]) } : current.savedSearches,
  };
}

/** The file's searches as they will be stored: each one new or changed arrives off (`held`). */
function arriving(current: PowerData, backup: ImportedBackup): Array<{ search: SavedSearch; held: boolean; wantedOn: boolean }> {
  if (!backup.savedSearches) return [];
  const mine = new Map(current.savedSearches.searches.map((search) => [search.id, JSON.stringify(search)]));
  return uniqueById(parseStored(savedSearchesSpec, backup.savedSearches).value.searches).map((search) =>
    // The user's own search, unchanged (their backup restored here), keeps its switch.
    mine.get(search.id) === JSON.stringify(search)
      ? { search, held: false, wantedOn: search.enabled }
      : { search: { ...search, enabled: false }, held: true, wantedOn: search.enabled },
  );
}

/** A job alert the file brings, as the user must see it before it may run. */
export interface ImportedAlert {
  id: string;
  name: string;
  intervalMinutes: number;
  /** The file had it on; it stays off until the user turns it on. */
  wantedOn: boolean;
}

export interface ImportSummary {
  mode: ImportMode;
  sections: Array<'settings' | 'notes' | 'blockList' | 'savedSearches'>;
  notes: number;
  blockedClients: number;
  savedSearches: number;
  alerts: ImportedAlert[];
}

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; errors: PathError[] };

/**
 * Checks, plans and writes in one step (the sections the file brings, in one storage call), or
 * changes nothing. Sections the file does not bring are never written. The plan is made from what
 * storage holds right before the write, and made again if another tab saved in between, so a note
 * saved elsewhere during an import is merged, not lost.
 */
export async function importBackup(file: Blob | string, mode: ImportMode): Promise<ImportOutcome> {
  const check = typeof file === 'string' ? checkBackupText(file) : await checkBackupFile(file);
  if (!check.ok) return check;
  const sections = (['settings', 'notes', 'blockList', 'savedSearches'] as const).filter((key) => check.backup[key] !== undefined);
  let current = await readPowerData();
  for (let attempt = 0; attempt < 5; attempt++) {
    const latest = await readPowerData();
    if (sections.every((key) => JSON.stringify(latest[key]) === JSON.stringify(current[key]))) break;
    current = latest;
  }
  const next = planImport(current, check.backup, mode);
  const alerts = arriving(current, check.backup)
    .filter(({ held }) => held)
    .map(({ search: { id, name, intervalMinutes }, wantedOn }) => ({ id, name, intervalMinutes, wantedOn }));
  await writePowerData(Object.fromEntries(sections.map((key) => [key, next[key]])));
  return {
    ok: true,
    summary: {
      mode,
      sections,
      notes: next.notes.entries.length,
      blockedClients: next.blockList.clients.length,
      savedSearches: next.savedSearches.searches.length,
      alerts,
    },
  };
}
