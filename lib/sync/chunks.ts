import { compareEntries, type Entry, merge, type Replica } from './merge';
import { itemBytes, SYNC_BUDGET } from './quota';

/**
 * How a kind's entries sit in `storage.sync`: packed into chunks `loupe.<kind>.<n>`, each under the
 * per-item quota, as `{ v: 1, e: [[id, time, device, value] | [id, time, device] (a tombstone)] }`.
 * Reading never trusts the area: a chunk that is not in this shape is skipped and reported, a bad
 * entry inside a good chunk too, and everything else is still read.
 */

export const SYNC_KEY_PREFIX = 'loupe.';
const CHUNK_VERSION = 1;
const ID_MAX = 200;
const DEVICE_MAX = 40;

export function chunkKey(kind: string, index: number): string {
  return `${SYNC_KEY_PREFIX}${kind}.${index}`;
}

/** The kind a sync key belongs to, or null for keys that are not Loupe's chunks. */
export function kindOfKey(key: string): string | null {
  const match = /^loupe\.([A-Za-z]+)\.(\d{1,4})$/.exec(key);
  return match?.[1] ?? null;
}

type Packed = [string, number, string] | [string, number, string, unknown];
export interface Chunk {
  v: typeof CHUNK_VERSION;
  e: Packed[];
}

function packEntry<V>(id: string, entry: Entry<V>): Packed {
  return entry.del ? [id, entry.t, entry.d] : [id, entry.t, entry.d, entry.v];
}

export interface PackResult {
  /** Chunk key -> value, numbered from 0 without gaps. */
  chunks: Record<string, Chunk>;
  /** Entries too large for one sync item even alone: not synced, named to the user. */
  tooLarge: string[];
  bytes: number;
}

/** Packs entries in id order, filling each chunk up to the per-item budget. */
export function packKind<V>(kind: string, replica: Replica<V>, maxItemBytes: number = SYNC_BUDGET.itemBytes): PackResult {
  const chunks: Record<string, Chunk> = {};
  const tooLarge: string[] = [];
  const envelope = itemBytes(chunkKey(kind, 9999), { v: CHUNK_VERSION, e: [] });
  let current: Packed[] = [];
  let size = envelope;
  let bytes = 0;
  const flush = () => {
    if (current.length === 0) return;
    const key = chunkKey(kind, Object.keys(chunks).length);
    chunks[key] = { v: CHUNK_VERSION, e: current };
    bytes += itemBytes(key, chunks[key]);
    current = [];
    size = envelope;
  };
  for (const id of Object.keys(replica).sort()) {
    const entry = replica[id];
    if (entry === undefined) continue;
    const packed = packEntry(id, entry);
    const entrySize = itemBytes('', packed) + 1; // the comma between entries
    if (envelope + entrySize > maxItemBytes) {
      tooLarge.push(id);
      continue;
    }
    if (size + entrySize > maxItemBytes) flush();
    current.push(packed);
    size += entrySize;
  }
  flush();
  return { chunks, tooLarge, bytes };
}

export interface ChunkProblem {
  key: string;
  message: string;
}

export interface ReadResult {
  replica: Record<string, Entry<unknown>>;
  problems: ChunkProblem[];
  /** The kind's chunk keys present in the area (readable or not). */
  keys: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function unpack(raw: unknown, check: (id: string, value: unknown) => unknown): [string, Entry<unknown>] | null {
  if (!Array.isArray(raw) || (raw.length !== 3 && raw.length !== 4)) return null;
  const [id, t, d] = raw;
  if (typeof id !== 'string' || id.length === 0 || id.length > ID_MAX || id === '__proto__') return null;
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) return null;
  if (typeof d !== 'string' || d.length === 0 || d.length > DEVICE_MAX) return null;
  if (raw.length === 3) return [id, { t, d, del: true }];
  const v = check(id, raw[3]);
  return v === undefined ? null : [id, { t, d, v }];
}

/** Reads one kind's chunks out of everything the sync area holds. */
export function readKind(
  kind: string,
  area: Readonly<Record<string, unknown>>,
  check: (id: string, value: unknown) => unknown,
): ReadResult {
  let replica: Record<string, Entry<unknown>> = {};
  const problems: ChunkProblem[] = [];
  const keys = Object.keys(area)
    .filter((key) => kindOfKey(key) === kind)
    .sort();
  for (const key of keys) {
    const chunk = area[key];
    if (!isRecord(chunk) || chunk.v !== CHUNK_VERSION || !Array.isArray(chunk.e)) {
      problems.push({ key, message: `The synced part ${key} could not be read and was skipped.` });
      continue;
    }
    const entries: Record<string, Entry<unknown>> = {};
    let bad = 0;
    for (const raw of chunk.e) {
      const entry = unpack(raw, check);
      if (entry === null) bad += 1;
      else {
        const [id, value] = entry;
        const seen = entries[id];
        if (seen === undefined || compareEntries(value, seen) > 0) entries[id] = value;
      }
    }
    if (bad > 0)
      problems.push({
        key,
        message: `${bad} unreadable ${bad === 1 ? 'entry' : 'entries'} in the synced part ${key} ${bad === 1 ? 'was' : 'were'} skipped.`,
      });
    replica = merge(replica, entries);
  }
  return { replica, problems, keys };
}
