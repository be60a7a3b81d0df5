import { messageOf } from '../helpers/format';
import { type Chunk, kindOfKey, packKind, readKind } from './chunks';
import { type LocalWrite, type SyncKind, type SyncKindId, syncKindIds, syncKinds } from './kinds';
import { canonical, type Entry, fingerprint, knownOf, liveValues, merge, stampLocal } from './merge';
import { itemBytes, nextWriteAt, quotaProblemOf, recentWrites, SYNC_BUDGET } from './quota';
import { type KindUsage, type Ledger, parseLedger, SYNC_LEDGER_KEY, type SyncPrefs, type SyncStatus } from './state';

/**
 * One sync run: for every kind the user syncs, stamp the local copy, merge what the sync area
 * holds, write the merged entries back to the local copy (only when something came in), and
 * write the merge to the sync area (only the chunks that differ, in one `set`, when the write
 * limits allow). The local copy is the source of truth: it is written first and on its own, so
 * Loupe works the same with sync off, offline, or over quota.
 */

/** The part of `storage.sync` this uses (browser.storage.sync, or a fake with the same quotas). */
export interface SyncArea {
  get(keys?: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface EngineDeps {
  area: SyncArea;
  now: () => number;
  readPrefs: () => Promise<SyncPrefs>;
  readLedger: () => Promise<unknown>;
  writeLedger: (ledger: Ledger) => Promise<void>;
  writeStatus: (status: SyncStatus) => Promise<void>;
  kinds?: Readonly<Record<SyncKindId, SyncKind>>;
}

export interface RunResult {
  status: SyncStatus;
  /** Kinds whose local copy took changes from other devices. */
  pulled: SyncKindId[];
  /** Keys written to the sync area (empty when it already held the merge). */
  pushed: string[];
  /** Set when changes wait for the write limits: run again at this time. */
  retryAt: number | null;
}

const TOMBSTONE_MAX_AGE_MS = 90 * 24 * 60 * 60 * 1000;

interface Planned {
  kind: SyncKind;
  chunks: Record<string, Chunk>;
  bytes: number;
  entries: number;
  tooLarge: string[];
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} kB`;
}

/**
 * Tombstones live 90 days, then go, so deletions do not fill the quota for ever. A device offline
 * longer than that may bring a deleted entry back; nothing is ever lost the other way.
 */
function prune<V>(replica: Record<string, Entry<V>>, now: number): Record<string, Entry<V>> {
  const out: Record<string, Entry<V>> = {};
  for (const [id, entry] of Object.entries(replica)) if (!entry.del || now - entry.t < TOMBSTONE_MAX_AGE_MS) out[id] = entry;
  return out;
}

/** Local order for entries already there, then newcomers by change time: a merge does not reshuffle lists. */
function ordered(
  localOrder: readonly string[],
  live: Record<string, unknown>,
  replica: Record<string, Entry<unknown>>,
): Array<[string, unknown]> {
  const kept = localOrder.filter((id) => id in live);
  const known = new Set(kept);
  const added = Object.keys(live)
    .filter((id) => !known.has(id))
    .sort((a, b) => (replica[a]?.t ?? 0) - (replica[b]?.t ?? 0) || (a < b ? -1 : 1));
  return [...kept, ...added].map((id) => [id, live[id]]);
}

function sameEntries(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ids = Object.keys(a);
  return ids.length === Object.keys(b).length && ids.every((id) => id in b && fingerprint(a[id]) === fingerprint(b[id]));
}

export async function runSync(deps: EngineDeps): Promise<RunResult> {
  const kinds = deps.kinds ?? syncKinds;
  const now = deps.now();
  const prefs = await deps.readPrefs();
  const ledger = parseLedger(await deps.readLedger());
  const enabled = syncKindIds.filter((id) => prefs[id]).map((id) => kinds[id]);
  const status: SyncStatus = { at: now, usage: {}, notSynced: [], problems: [], error: null, nextWriteAt: null };
  const result: RunResult = { status, pulled: [], pushed: [], retryAt: null };
  // Sync off: nothing to read or write (this runs after every settings edit).
  if (enabled.length === 0) return result;

  const area = await deps.area.get(null);
  const planned: Planned[] = [];
  for (const kind of enabled) {
    const localEntries = await kind.read();
    const local = Object.fromEntries(localEntries);
    const known = ledger.known[kind.id];
    const stamped = stampLocal(local, known ?? {}, { now, device: ledger.device, adopted: known !== undefined, firstTime: kind.firstTime });
    const remote = readKind(kind.id, area, kind.check);
    status.problems.push(...remote.problems.map((problem) => problem.message));
    const merged = prune(merge(stamped, remote.replica), now);
    ledger.known[kind.id] = knownOf(merged);
    const live = liveValues(merged);
    if (!sameEntries(local, live)) {
      // The local value and the ledger that explains it land in one storage.local call.
      const extra: LocalWrite[] = [{ key: SYNC_LEDGER_KEY, value: ledger }];
      await kind.write(
        ordered(
          localEntries.map(([id]) => id),
          live,
          merged,
        ),
        extra,
      );
      result.pulled.push(kind.id);
    }
    const packed = packKind(kind.id, merged, SYNC_BUDGET.itemBytes);
    planned.push({ kind, chunks: packed.chunks, bytes: packed.bytes, entries: Object.keys(live).length, tooLarge: packed.tooLarge });
  }

  // Fit the kinds into the quota in the order they are listed; a kind that does not fit keeps
  // whatever the area already holds for it and is named to the user.
  const bytesOf = (keys: readonly string[]) => keys.reduce((sum, key) => sum + itemBytes(key, area[key]), 0);
  // Chunks of kinds this device does not sync belong to the devices that do: left alone.
  const existingKeys = (id: string) => Object.keys(area).filter((key) => kindOfKey(key) === id);
  let usedBytes = bytesOf(Object.keys(area));
  let usedItems = Object.keys(area).length;
  const writes: Record<string, unknown> = {};
  const stale: string[] = [];
  for (const plan of planned) {
    const old = existingKeys(plan.kind.id);
    const nextBytes = usedBytes - bytesOf(old) + plan.bytes;
    const nextItems = usedItems - old.length + Object.keys(plan.chunks).length;
    if (nextBytes > SYNC_BUDGET.bytes || nextItems > SYNC_BUDGET.items) {
      const left = Math.max(0, SYNC_BUDGET.bytes - (usedBytes - bytesOf(old)));
      status.notSynced.push(
        `Not synced: ${plan.kind.label}. It needs ${kb(plan.bytes)} and the browser's sync space has ${kb(left)} left of ${kb(SYNC_BUDGET.bytes)}. It stays on this device; switch off another kind, or make this one smaller.`,
      );
      continue;
    }
    usedBytes = nextBytes;
    usedItems = nextItems;
    if (plan.tooLarge.length > 0) {
      status.notSynced.push(
        `Not synced: ${plan.tooLarge.length} of ${plan.kind.label} (${plan.tooLarge.slice(0, 5).join(', ')}${plan.tooLarge.length > 5 ? ', …' : ''}), each over the browser's ${kb(SYNC_BUDGET.itemBytes)} limit for one item. ${plan.tooLarge.length === 1 ? 'It stays' : 'They stay'} on this device.`,
      );
    }
    status.usage[plan.kind.id] = { bytes: plan.bytes, items: Object.keys(plan.chunks).length, entries: plan.entries } satisfies KindUsage;
    for (const [key, chunk] of Object.entries(plan.chunks)) if (canonical(area[key]) !== canonical(chunk)) writes[key] = chunk;
    stale.push(...old.filter((key) => !(key in plan.chunks)));
  }

  const operations = (Object.keys(writes).length > 0 ? 1 : 0) + (stale.length > 0 ? 1 : 0);
  if (operations > 0) {
    ledger.writes = recentWrites(ledger.writes, now);
    const allowedAt = Math.max(nextWriteAt(ledger.writes, now), operations > 1 ? nextWriteAt([...ledger.writes, now], now) : now);
    if (allowedAt > now) {
      result.retryAt = allowedAt;
      status.nextWriteAt = allowedAt;
    } else {
      try {
        if (Object.keys(writes).length > 0) {
          ledger.writes.push(now);
          await deps.area.set(writes);
          result.pushed.push(...Object.keys(writes));
        }
        if (stale.length > 0) {
          ledger.writes.push(now);
          await deps.area.remove(stale);
          result.pushed.push(...stale);
        }
      } catch (error) {
        const problem = quotaProblemOf(error);
        status.error =
          problem === 'writes-per-hour' || problem === 'writes-per-minute'
            ? 'The browser is holding back sync writes for now (too many in a short time); Loupe will try again in a minute.'
            : problem !== null
              ? `The browser refused to store Loupe's synced data (${problem === 'items' ? 'too many items' : 'not enough space'}); your data is safe on this device.`
              : `Sync failed: ${messageOf(error)}. Your data is safe on this device.`;
        result.retryAt = now + 60_000;
        status.nextWriteAt = result.retryAt;
      }
    }
  }
  await deps.writeLedger(ledger);
  await deps.writeStatus(status);
  return result;
}
