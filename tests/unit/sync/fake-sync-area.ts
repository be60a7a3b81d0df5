import { SYNC_QUOTA } from '../../../lib/sync/quota';

/**
 * A stand-in for Chrome's `storage.sync` with its real limits, failing the way Chrome fails and
 * with Chrome's own messages: the write-rate check first (every set or remove counts, even one
 * that then fails), then the per-item size, the item count and the total size. Values go through
 * JSON like the real area. Sizes are the key plus the value's JSON, in UTF-8 bytes.
 */
export class FakeSyncArea {
  readonly data = new Map<string, unknown>();
  readonly writeTimes: number[] = [];
  /** Every error thrown, so a test can prove none was. */
  readonly errors: string[] = [];
  private readonly listeners = new Set<(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => void>();

  constructor(private readonly clock: () => number = Date.now) {}

  async get(_keys?: null): Promise<Record<string, unknown>> {
    return Object.fromEntries([...this.data].map(([key, value]) => [key, structuredClone(value)]));
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.countWrite();
    const next = new Map(this.data);
    for (const [key, value] of Object.entries(items)) {
      const json = JSON.stringify(value);
      if (bytes(key) + bytes(json) > SYNC_QUOTA.QUOTA_BYTES_PER_ITEM) this.fail('QUOTA_BYTES_PER_ITEM quota exceeded');
      next.set(key, JSON.parse(json));
    }
    if (next.size > SYNC_QUOTA.MAX_ITEMS) this.fail('MAX_ITEMS quota exceeded');
    if (totalBytes(next) > SYNC_QUOTA.QUOTA_BYTES) this.fail('QUOTA_BYTES quota exceeded');
    const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
    for (const key of Object.keys(items)) changes[key] = { oldValue: this.data.get(key), newValue: next.get(key) };
    for (const [key, value] of next) this.data.set(key, value);
    this.emit(changes);
  }

  async remove(keys: string[]): Promise<void> {
    this.countWrite();
    const changes: Record<string, { oldValue?: unknown }> = {};
    for (const key of keys) {
      if (!this.data.has(key)) continue;
      changes[key] = { oldValue: this.data.get(key) };
      this.data.delete(key);
    }
    this.emit(changes);
  }

  bytesInUse(): number {
    return totalBytes(this.data);
  }

  /** Like storage.onChanged for the 'sync' area. */
  onChanged(listener: (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private countWrite(): void {
    const now = this.clock();
    const lastMinute = this.writeTimes.filter((at) => at > now - 60_000).length;
    const lastHour = this.writeTimes.filter((at) => at > now - 3_600_000).length;
    this.writeTimes.push(now);
    if (lastMinute >= SYNC_QUOTA.MAX_WRITE_OPERATIONS_PER_MINUTE)
      this.fail('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
    if (lastHour >= SYNC_QUOTA.MAX_WRITE_OPERATIONS_PER_HOUR) this.fail('This request exceeds the MAX_WRITE_OPERATIONS_PER_HOUR quota.');
  }

  private fail(message: string): never {
    this.errors.push(message);
    throw new Error(message);
  }

  private emit(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>): void {
    if (Object.keys(changes).length === 0) return;
    for (const listener of this.listeners) listener(changes);
  }
}

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text).length;

function totalBytes(data: ReadonlyMap<string, unknown>): number {
  let sum = 0;
  for (const [key, value] of data) sum += bytes(key) + bytes(JSON.stringify(value));
  return sum;
}
