import { storage } from 'wxt/utils/storage';
import { migrateBlockListV1toV2, migrateNotesV1toV2, migrateSettingsV1toV2 } from './migrations';
import { BLOCK_LIST_VERSION, NOTES_VERSION, SAVED_SEARCHES_VERSION, SETTINGS_VERSION } from './schema';

/**
 * Loupe's storage keys, all in `storage.local` (sync's 8 KB-per-item quota is too small for notes).
 * The page layer owns `local:features` (feature on/off); nothing here touches it.
 * Values are typed `unknown` on purpose: everything read goes through the field parsers in store.ts.
 */
export const storageKeys = {
  settings: 'local:settings',
  blockList: 'local:blockList',
  notes: 'local:notes',
  seenJobs: 'local:seenJobs',
  savedSearches: 'local:savedSearches',
  pageSample: 'local:pageSample',
  recentJobs: 'local:recentJobs',
  dossier: 'local:dossier',
} as const;

export const storageVersions = {
  settings: SETTINGS_VERSION,
  blockList: BLOCK_LIST_VERSION,
  notes: NOTES_VERSION,
  seenJobs: 1,
  savedSearches: SAVED_SEARCHES_VERSION,
  pageSample: 1,
  recentJobs: 1,
  dossier: 1,
} as const;

type Migrations = Record<number, (old: unknown) => unknown>;
const migrations = {
  settings: { 2: migrateSettingsV1toV2 },
  blockList: { 2: migrateBlockListV1toV2 },
  notes: { 2: migrateNotesV1toV2 },
} satisfies Partial<Record<keyof typeof storageKeys, Migrations>>;

/**
 * Only the worker migrates stored values, once, at its start (`runMigrationsHere`): pages and
 * popups opened meanwhile must not each write their own migration over a newer save.
 */
let migrationsRunHere = false;

export function runMigrationsHere(): void {
  migrationsRunHere = true;
  items = null;
  loupeItems();
}

/**
 * A stored value as the current version reads it, computed in memory and never written: what a
 * context that does not migrate sees before the worker's migration lands. The migrations return
 * current values untouched (see migrations.ts), so running them on any value is safe.
 */
export function asCurrent(name: ItemName, raw: unknown): unknown {
  const steps: Migrations = (migrations as Partial<Record<ItemName, Migrations>>)[name] ?? {};
  return Object.keys(steps)
    .map(Number)
    .sort((a, b) => a - b)
    .reduce((value, version) => (value == null ? value : (steps[version] as (old: unknown) => unknown)(value)), raw);
}

export function defineLoupeItems(migrate = migrationsRunHere) {
  const migrating = (name: keyof typeof migrations) => (migrate ? { migrations: migrations[name] } : {});
  return {
    settings: storage.defineItem<unknown>(storageKeys.settings, { version: SETTINGS_VERSION, ...migrating('settings') }),
    blockList: storage.defineItem<unknown>(storageKeys.blockList, { version: BLOCK_LIST_VERSION, ...migrating('blockList') }),
    notes: storage.defineItem<unknown>(storageKeys.notes, { version: NOTES_VERSION, ...migrating('notes') }),
    seenJobs: storage.defineItem<unknown>(storageKeys.seenJobs, { version: 1 }),
    savedSearches: storage.defineItem<unknown>(storageKeys.savedSearches, { version: SAVED_SEARCHES_VERSION }),
    pageSample: storage.defineItem<unknown>(storageKeys.pageSample, { version: 1 }),
    recentJobs: storage.defineItem<unknown>(storageKeys.recentJobs, { version: 1 }),
    dossier: storage.defineItem<unknown>(storageKeys.dossier, { version: 1 }),
  };
}
export type LoupeItems = ReturnType<typeof defineLoupeItems>;

let items: LoupeItems | null = null;

/**
 * Defined on first use rather than at import, because defining an item starts its migration:
 * a context that never touches settings (the popup showing a status line) pays nothing.
 */
export function loupeItems(): LoupeItems {
  items ??= defineLoupeItems();
  return items;
}

export type ItemName = keyof LoupeItems;

/**
 * Writes values together with their version marks in ONE `storage.local.set` call: several items
 * land whole or not at all, and a value is never left without the mark that says it is already
 * current (WXT would otherwise take it for version 1 on the next start and migrate it again).
 * Waits for pending migrations first so a migration cannot overwrite a newer write.
 */
export async function writeItems(
  entries: ReadonlyArray<readonly [ItemName, unknown]>,
  /** Other storage.local keys to land in the same call (sync keeps its record of what it merged here). */
  extra: ReadonlyArray<{ key: `local:${string}`; value: unknown }> = [],
): Promise<void> {
  const defined = loupeItems();
  await Promise.all(entries.map(([name]) => defined[name].getMeta()));
  await storage.setItems([
    ...entries.flatMap(([name, value]) => [
      { key: storageKeys[name], value },
      { key: `${storageKeys[name]}$` as const, value: { v: storageVersions[name] } },
    ]),
    ...extra,
  ]);
}

/** Tests: forget the defined items so the next use defines them again and re-runs migrations. */
export function forgetLoupeItemsForTests(): void {
  items = null;
  migrationsRunHere = false;
}
