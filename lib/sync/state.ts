import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { type SyncKindId, syncKindIds } from './kinds';
import type { Known } from './merge';

/**
 * What sync keeps in storage.local (none of it is ever synced):
 * - `local:syncPrefs`: which kinds the user syncs (written by the options page; all off at first);
 * - `local:syncLedger`: this device's id, the stamp and fingerprint of every entry it has merged
 *   (not the values: those stay in the local copy), and the times of its recent sync writes;
 * - `local:syncStatus`: what the last run found, for the options page.
 * Every read is parsed: a damaged record falls back (an empty ledger only means entries get
 * stamped again, which a merge settles), it never throws.
 */

export const SYNC_PREFS_KEY = 'local:syncPrefs';
export const SYNC_LEDGER_KEY = 'local:syncLedger';
export const SYNC_STATUS_KEY = 'local:syncStatus';

export type SyncPrefs = Record<SyncKindId, boolean>;

const prefsSchema = z.object(
  Object.fromEntries(syncKindIds.map((id) => [id, z.boolean().catch(false)])) as Record<SyncKindId, z.ZodCatch<z.ZodBoolean>>,
);

export function parsePrefs(raw: unknown): SyncPrefs {
  const parsed = prefsSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : (Object.fromEntries(syncKindIds.map((id) => [id, false])) as SyncPrefs);
}

const knownSchema = z.object({
  t: z.number().int().min(0),
  d: z.string().min(1).max(40),
  h: z.string().max(20),
  del: z.literal(true).optional(),
});

export interface Ledger {
  device: string;
  known: Partial<Record<SyncKindId, Record<string, Known>>>;
  writes: number[];
}

const ledgerSchema = z.object({
  device: z.string().min(4).max(40),
  known: z
    .record(z.string(), z.record(z.string(), z.unknown()))
    .catch({})
    .transform((known) => {
      const out: Ledger['known'] = {};
      for (const id of syncKindIds) {
        const entries = known[id];
        if (entries === undefined) continue;
        const kept: Record<string, Known> = {};
        for (const [entryId, value] of Object.entries(entries)) {
          const parsed = knownSchema.safeParse(value);
          if (parsed.success && entryId !== '__proto__') kept[entryId] = parsed.data as Known;
        }
        out[id] = kept;
      }
      return out;
    }),
  writes: z.array(z.number()).max(5_000).catch([]),
});

export function newDeviceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function parseLedger(raw: unknown): Ledger {
  const parsed = ledgerSchema.safeParse(raw);
  return parsed.success ? parsed.data : { device: newDeviceId(), known: {}, writes: [] };
}

export interface KindUsage {
  bytes: number;
  items: number;
  entries: number;
}

export interface SyncStatus {
  at: number;
  /** What each synced kind takes in the sync area now. */
  usage: Partial<Record<SyncKindId, KindUsage>>;
  /** Sentences naming what is not synced and why (quota, an entry too large). */
  notSynced: string[];
  /** Damaged parts of the sync area that were skipped. */
  problems: string[];
  /** The last error, in words, or null. */
  error: string | null;
  /** When held-back changes go out (write limits), or null. */
  nextWriteAt: number | null;
}

const statusSchema = z.object({
  at: z.number(),
  usage: z.record(z.string(), z.object({ bytes: z.number(), items: z.number(), entries: z.number() })).catch({}),
  notSynced: z.array(z.string().max(1_000)).max(100).catch([]),
  problems: z.array(z.string().max(1_000)).max(100).catch([]),
  error: z.string().max(1_000).nullable().catch(null),
  nextWriteAt: z.number().nullable().catch(null),
});

export function parseStatus(raw: unknown): SyncStatus | null {
  const parsed = statusSchema.safeParse(raw);
  return parsed.success ? (parsed.data as SyncStatus) : null;
}

export const syncPrefsItem = storage.defineItem<unknown>(SYNC_PREFS_KEY);
export const syncLedgerItem = storage.defineItem<unknown>(SYNC_LEDGER_KEY);
export const syncStatusItem = storage.defineItem<unknown>(SYNC_STATUS_KEY);

export async function readPrefs(): Promise<SyncPrefs> {
  return parsePrefs(await syncPrefsItem.getValue());
}

export async function writePrefs(prefs: SyncPrefs): Promise<void> {
  await syncPrefsItem.setValue(parsePrefs(prefs));
}

export async function readStatus(): Promise<SyncStatus | null> {
  return parseStatus(await syncStatusItem.getValue());
}
