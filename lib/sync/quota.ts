import { messageOf } from '../helpers/format';

/**
 * Chrome's `storage.sync` limits (chrome.storage.sync.* constants; Firefox's are close: 100 kB,
 * 8 kB an item, 512 items). Sizes count the key plus the JSON of the value, in bytes.
 */
export const SYNC_QUOTA = {
  QUOTA_BYTES: 102_400,
  QUOTA_BYTES_PER_ITEM: 8_192,
  MAX_ITEMS: 512,
  MAX_WRITE_OPERATIONS_PER_HOUR: 1_800,
  MAX_WRITE_OPERATIONS_PER_MINUTE: 120,
} as const;

/**
 * What Loupe allows itself, below the browser's limits: room for a chunk's envelope, for other
 * writers, and for the few writes another Loupe window may make at the same moment.
 */
export const SYNC_BUDGET = {
  bytes: 96_000,
  itemBytes: 8_000,
  items: 480,
  writesPerMinute: 60,
  writesPerHour: 1_500,
} as const;

const encoder = new TextEncoder();

/** Bytes an item takes in the sync area, as Chrome counts them. */
export function itemBytes(key: string, value: unknown): number {
  return encoder.encode(key).length + encoder.encode(JSON.stringify(value)).length;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The earliest time a write may go out, given the times of recent writes, so both sliding windows
 * stay under the budget. `writes` may be in any order; times older than an hour do not matter.
 */
export function nextWriteAt(writes: readonly number[], now: number, budget = SYNC_BUDGET): number {
  const recent = writes.filter((at) => at > now - HOUR).sort((a, b) => a - b);
  let at = now;
  const lastMinute = recent.filter((time) => time > now - MINUTE);
  if (lastMinute.length >= budget.writesPerMinute) {
    // Wait until enough of them leave the one-minute window.
    const leaving = lastMinute[lastMinute.length - budget.writesPerMinute];
    if (leaving !== undefined) at = Math.max(at, leaving + MINUTE + 1);
  }
  if (recent.length >= budget.writesPerHour) {
    const leaving = recent[recent.length - budget.writesPerHour];
    if (leaving !== undefined) at = Math.max(at, leaving + HOUR + 1);
  }
  return at;
}

/** Write times still worth keeping (the last hour's), newest last. */
export function recentWrites(writes: readonly number[], now: number): number[] {
  return writes.filter((at) => at > now - HOUR && at <= now + MINUTE).sort((a, b) => a - b);
}

/** The kinds of quota error Chrome reports, read from its messages. */
export type QuotaProblem = 'bytes' | 'item-bytes' | 'items' | 'writes-per-hour' | 'writes-per-minute';

export function quotaProblemOf(error: unknown): QuotaProblem | null {
  const message = messageOf(error);
  if (message.includes('QUOTA_BYTES_PER_ITEM')) return 'item-bytes';
  if (message.includes('QUOTA_BYTES')) return 'bytes';
  if (message.includes('MAX_ITEMS')) return 'items';
  if (message.includes('MAX_WRITE_OPERATIONS_PER_HOUR')) return 'writes-per-hour';
  if (message.includes('MAX_WRITE_OPERATIONS_PER_MINUTE')) return 'writes-per-minute';
  return null;
}
