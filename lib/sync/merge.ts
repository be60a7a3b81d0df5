/**
 * The merge behind sync: a last-writer-wins map, one register per entry (a note, a blocked client,
 * a rule). Each entry carries the time of its own last change and the device that made it, and a
 * deletion is an entry too (a tombstone), so "absent" never means "deleted": a chunk that is
 * missing or unreadable can only hold back news, never remove anything.
 *
 * Stamps are totally ordered (time, then device, then tombstone over value, then the value's
 * canonical text), so `merge` picks the same winner whatever the order: it is commutative,
 * associative and idempotent, and every device that has seen the same changes holds the same map.
 */

export interface Stamp {
  /** When the entry last changed, in ms since the epoch (0: an untouched default, see stampLocal). */
  t: number;
  /** The device that made the change (a random id per browser profile). */
  d: string;
}

export type Entry<V> = (Stamp & { del?: undefined; v: V }) | (Stamp & { del: true; v?: undefined });
export type Replica<V> = Readonly<Record<string, Entry<V>>>;

/** JSON with object keys sorted, so equal values always give the same text. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

/** A short, stable fingerprint of a value: enough to tell "changed" from "same" for one entry. */
export function fingerprint(value: unknown): string {
  const text = canonical(value);
  // cyrb53: 53 bits, fast, no dependency; collisions between two versions of one entry are negligible.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total order on entries: positive when `a` wins over `b`. */
export function compareEntries<V>(a: Entry<V>, b: Entry<V>): number {
  if (a.t !== b.t) return a.t - b.t;
  const byDevice = compareText(a.d, b.d);
  if (byDevice !== 0) return byDevice;
  if (a.del !== b.del) return a.del ? 1 : -1;
  // Same time and device but different content happens only after a bug or a restored backup:
  // still pick one the same way everywhere.
  return compareText(canonical(a.v), canonical(b.v));
}

/** Every entry of both, the winner where both have one. Neither input is changed. */
export function merge<V>(a: Replica<V>, b: Replica<V>): Record<string, Entry<V>> {
  const out: Record<string, Entry<V>> = { ...a };
  for (const [id, entry] of Object.entries(b)) {
    const mine = out[id];
    if (mine === undefined || compareEntries(entry, mine) > 0) out[id] = entry;
  }
  return out;
}

/** The live values (tombstones left out), as the local copy holds them. */
export function liveValues<V>(replica: Replica<V>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [id, entry] of Object.entries(replica)) if (!entry.del) out[id] = entry.v;
  return out;
}

/** What the sync layer remembers of an entry it has seen: its stamp and a fingerprint, not the value. */
export interface Known extends Stamp {
  h: string;
  del?: true;
}

export interface StampOptions<V> {
  now: number;
  device: string;
  /**
   * Time for an entry this device has never stamped (sync just switched on). 0 for a value equal
   * to its default, so a newcomer's untouched defaults never overwrite what others chose; the
   * entry's own edit time where it has one (a note's last edit); 1 otherwise.
   */
  firstTime: (id: string, value: V) => number;
  /** True when this device already syncs this kind: an unknown entry is then a new one, stamped now. */
  adopted: boolean;
}

/**
 * Turns the local copy into a replica: entries unchanged since the last stamp keep it; changed or
 * new ones get a stamp later than anything known for them (a clock that went back cannot make an
 * edit lose to the value it replaced); entries gone from the local copy become tombstones.
 */
export function stampLocal<V>(
  local: Readonly<Record<string, V>>,
  known: Readonly<Record<string, Known>>,
  options: StampOptions<V>,
): Record<string, Entry<V>> {
  const { now, device } = options;
  const out: Record<string, Entry<V>> = {};
  for (const [id, v] of Object.entries(local)) {
    const seen = known[id];
    const h = fingerprint(v);
    if (seen && !seen.del && seen.h === h) out[id] = { t: seen.t, d: seen.d, v };
    else if (seen) out[id] = { t: Math.max(now, seen.t + 1), d: device, v };
    else out[id] = { t: options.adopted ? now : options.firstTime(id, v), d: device, v };
  }
  for (const [id, seen] of Object.entries(known)) {
    if (id in local) continue;
    out[id] = seen.del ? { t: seen.t, d: seen.d, del: true } : { t: Math.max(now, seen.t + 1), d: device, del: true };
  }
  return out;
}

/** What to remember of a replica (stamps and fingerprints). */
export function knownOf<V>(replica: Replica<V>): Record<string, Known> {
  const out: Record<string, Known> = {};
  for (const [id, entry] of Object.entries(replica)) {
    out[id] = entry.del ? { t: entry.t, d: entry.d, h: '', del: true } : { t: entry.t, d: entry.d, h: fingerprint(entry.v) };
  }
  return out;
}

/** True when both hold the same entries with the same stamps and values. */
export function sameReplica<V>(a: Replica<V>, b: Replica<V>): boolean {
  const ids = Object.keys(a);
  if (ids.length !== Object.keys(b).length) return false;
  return ids.every((id) => {
    const x = a[id];
    const y = b[id];
    return x !== undefined && y !== undefined && compareEntries(x, y) === 0;
  });
}
