import type { z } from 'zod';
import { lazy } from '../helpers/lazy';
import { type Group, importSchema, parseStored, type Spec } from '../settings/fields';
import { loupeItems, storageKeys, writeItems } from '../settings/items';
import { blockListSpec, notesSpec, rulesSpec, savedSearchesSpec, scoreSpec, settingsSpec } from '../settings/schema';
import { THROTTLE_STORAGE_KEY, throttleItem, throttleSettingsSchema } from '../settings/throttle';
import { featureTogglesItem } from '../settings/toggles';

/**
 * The kinds of data a user can sync, each split into entries that merge on their own (one note,
 * one rule, one blocked client). A kind says how to read its entries from the local copy, how to
 * write merged entries back, and how to check an entry that came from another device: remote data
 * is read like any untrusted input. Never synced, and not listed here: tokens, the client secret,
 * the account, the request log, caches, alerts' feed and seen marks.
 */

export const syncKindIds = ['settings', 'rules', 'score', 'highlights', 'blockList', 'notes', 'savedSearches'] as const;
export type SyncKindId = (typeof syncKindIds)[number];

/** A raw write to storage.local, landed together with the sync layer's own record. */
export interface LocalWrite {
  key: `local:${string}`;
  value: unknown;
}

export interface SyncKind {
  id: SyncKindId;
  /** In words, for the options page and messages ("Notes and tags are not synced: …"). */
  label: string;
  /** storage.local keys (without the area) whose changes mean this kind may have changed. */
  localKeys: readonly string[];
  /** The local entries, in the order the local copy keeps them. */
  read(): Promise<Array<[string, unknown]>>;
  /** Writes the entries as the new local value, in the same storage.local call as `extra`. */
  write(entries: ReadonlyArray<readonly [string, unknown]>, extra: readonly LocalWrite[]): Promise<void>;
  /** Checks an entry from another device: the value to use, or undefined to skip it. */
  check(id: string, value: unknown): unknown;
  /** Stamp time for an entry this device never stamped (see StampOptions.firstTime). */
  firstTime(id: string, value: unknown): number;
}

const keyOf = (name: keyof typeof storageKeys) => storageKeys[name].slice('local:'.length);

function checker(schema: z.ZodType): (value: unknown) => unknown {
  return (value) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
}

/** A part of the settings item (rules, score): one entry per field, so two rules edited apart both survive. */
function settingsPart(id: 'rules' | 'score', label: string, spec: Group<Record<string, Spec>>): SyncKind {
  // Built on first use: every field's schema and the defaults cost the worker's start ~12 ms, and most starts never sync.
  const checks = lazy(() => Object.fromEntries(Object.entries(spec.fields).map(([field, child]) => [field, checker(importSchema(child))])));
  const defaults = lazy(() => parseStored(spec, undefined).value as Record<string, unknown>);
  const readSettings = async () => parseStored(settingsSpec, await loupeItems().settings.getValue()).value;
  return {
    id,
    label,
    localKeys: [keyOf('settings')],
    read: async () => Object.entries((await readSettings())[id]),
    write: async (entries, extra) => {
      const settings = await readSettings();
      const part = parseStored(spec, { ...settings[id], ...Object.fromEntries(entries) }).value;
      await writeItems([['settings', { ...settings, [id]: part }]], extra);
    },
    check: (field, value) => checks()[field]?.(value),
    firstTime: (field, value) =>
      JSON.stringify(defaults()[field]) === JSON.stringify(parseStored(spec.fields[field] as Spec, value).value) ? 0 : 1,
  };
}

/** A list whose elements carry their own id (highlight groups, blocked clients, notes, saved searches). */
function listKind<E>(options: {
  id: SyncKindId;
  label: string;
  item: 'settings' | 'blockList' | 'notes' | 'savedSearches';
  spec: Spec;
  /** Where the list sits in the stored value, e.g. ['entries']. */
  path: readonly [string, ...string[]];
  entryId: (element: E) => string;
  firstTime?: (element: E) => number;
}): SyncKind {
  const listSpec = walk(options.spec, options.path);
  const element = listSpec.kind === 'list' ? (listSpec.element as Spec) : listSpec;
  const check = lazy(() => checker(importSchema(element)));
  const readWhole = async () => parseStored(options.spec, await loupeItems()[options.item].getValue()).value as Record<string, unknown>;
  return {
    id: options.id,
    label: options.label,
    localKeys: [keyOf(options.item)],
    read: async () => {
      const list = getPath(await readWhole(), options.path) as E[];
      return list.map((entry) => [options.entryId(entry), entry]);
    },
    write: async (entries, extra) => {
      const whole = setPath(
        await readWhole(),
        options.path,
        entries.map(([, value]) => value),
      );
      await writeItems([[options.item, parseStored(options.spec, whole).value]], extra);
    },
    check: (id, value) => {
      const checked = check()(value);
      if (checked === undefined) return undefined;
      // An entry filed under another entry's id would overwrite it: refuse it.
      const parsed = parseStored(element, checked).value as E;
      return options.entryId(parsed) === id ? checked : undefined;
    },
    firstTime: (_id, value) => Math.max(1, options.firstTime?.(parseStored(element, value).value as E) ?? 1),
  };
}

function walk(spec: Spec, path: readonly string[]): Spec {
  let node = spec;
  for (const key of path) {
    if (node.kind !== 'group') throw new Error(`No list at ${path.join('.')}`);
    node = node.fields[key] as Spec;
  }
  return node;
}
function getPath(value: Record<string, unknown>, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], value);
}
function setPath(value: Record<string, unknown>, path: readonly [string, ...string[]], leafValue: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  const child = rest.length === 0 ? leafValue : setPath(value[head] as Record<string, unknown>, rest as [string, ...string[]], leafValue);
  return { ...value, [head]: child };
}

const toggleCheck = (value: unknown) => (typeof value === 'boolean' ? value : undefined);
const THROTTLE_ENTRY = 'throttle';

/** Feature switches (one entry each) and the request rate. */
const settingsKind: SyncKind = {
  id: 'settings',
  label: 'Feature switches and request rate',
  localKeys: [featureTogglesItem.key.slice('local:'.length), THROTTLE_STORAGE_KEY.slice('local:'.length)],
  read: async () => {
    const [toggles, throttle] = await Promise.all([featureTogglesItem.getValue(), throttleItem().getValue()]);
    const entries: Array<[string, unknown]> = [];
    if (toggles !== null && typeof toggles === 'object') {
      for (const [id, on] of Object.entries(toggles)) if (typeof on === 'boolean' && id.length <= 60) entries.push([`feature:${id}`, on]);
    }
    if (throttle !== null && throttle !== undefined) entries.push([THROTTLE_ENTRY, throttleSettingsSchema.parse(throttle)]);
    return entries;
  },
  write: async (entries, extra) => {
    const toggles: Record<string, boolean> = {};
    let throttle: unknown = null;
    for (const [id, value] of entries) {
      if (id === THROTTLE_ENTRY) throttle = value;
      else if (typeof value === 'boolean') toggles[id.slice('feature:'.length)] = value;
    }
    await writeItems(
      [],
      [
        { key: featureTogglesItem.key as `local:${string}`, value: toggles },
        ...(throttle === null ? [] : [{ key: THROTTLE_STORAGE_KEY as `local:${string}`, value: throttle }]),
        ...extra,
      ],
    );
  },
  check: (id, value) => {
    if (id === THROTTLE_ENTRY) return throttleSettingsSchema.parse(value);
    return id.startsWith('feature:') && id.length <= 68 ? toggleCheck(value) : undefined;
  },
  // Switches and rate are on their defaults until someone changes them: a newcomer's never win.
  firstTime: (id, value) => (id === THROTTLE_ENTRY ? 1 : value === false ? 1 : 0),
};

export const syncKinds: Readonly<Record<SyncKindId, SyncKind>> = {
  settings: settingsKind,
  rules: settingsPart('rules', 'Rules', rulesSpec),
  score: settingsPart('score', 'Score weights', scoreSpec),
  highlights: listKind<{ id: string }>({
    id: 'highlights',
    label: 'Highlights',
    item: 'settings',
    spec: settingsSpec,
    path: ['highlights'],
    entryId: (group) => group.id,
  }),
  blockList: listKind<{ clientId: string; addedAt: number }>({
    id: 'blockList',
    label: 'Block list',
    item: 'blockList',
    spec: blockListSpec,
    path: ['clients'],
    entryId: (client) => client.clientId,
  }),
  notes: listKind<{ target: string; key: string; updatedAt: number }>({
    id: 'notes',
    label: 'Notes and tags',
    item: 'notes',
    spec: notesSpec,
    path: ['entries'],
    entryId: (note) => `${note.target}:${note.key}`,
    // The newer of two notes written before sync was on wins.
    firstTime: (note) => note.updatedAt,
  }),
  savedSearches: listKind<{ id: string }>({
    id: 'savedSearches',
    label: 'Saved searches',
    item: 'savedSearches',
    spec: savedSearchesSpec,
    path: ['searches'],
    entryId: (search) => search.id,
  }),
};
