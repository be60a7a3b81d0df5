import type { Worker } from '@playwright/test';

/**
 * A test stand-in for the browser's sync engine (Chromium's real one needs a Google account).
 * It plays the sync server: each pump reads every browser's `storage.sync` through its worker,
 * takes what a browser wrote since the relay last looked as that browser's upload (the server
 * keeps the last write per key, as Chrome sync does for extension settings), then writes the
 * server's copy into every browser that differs. A browser sees those writes as
 * `storage.onChanged` for the 'sync' area, exactly as when the real engine delivers news.
 * Loupe's own code is unchanged: the relay only touches `storage.sync` from outside.
 */

type Area = Record<string, unknown>;

interface SyncStorage {
  storage: {
    sync: { get(keys: null): Promise<Area>; set(items: Area): Promise<void>; remove(keys: string[]): Promise<void> };
  };
}
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class SyncRelay {
  private readonly server: Area = {};
  /** What the relay last left in each browser's area. */
  private readonly lastSeen = new Map<Worker, Area>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private pumping: Promise<void> | null = null;
  private connected = true;

  constructor(private readonly workers: readonly Worker[]) {
    for (const worker of workers) this.lastSeen.set(worker, {});
  }

  private read(worker: Worker): Promise<Area> {
    return worker.evaluate(() => {
      const chrome = (globalThis as unknown as { chrome: SyncStorage }).chrome;
      return chrome.storage.sync.get(null);
    });
  }

  /** One round: uploads from every browser, then downloads to every browser. */
  async pump(): Promise<void> {
    if (!this.connected) return;
    for (const worker of this.workers) {
      const area = await this.read(worker);
      const before = this.lastSeen.get(worker) ?? {};
      for (const key of new Set([...Object.keys(area), ...Object.keys(before)])) {
        if (same(area[key], before[key])) continue;
        if (key in area) this.server[key] = area[key];
        else delete this.server[key];
      }
      this.lastSeen.set(worker, area);
    }
    for (const worker of this.workers) {
      const area = this.lastSeen.get(worker) ?? {};
      const set: Area = {};
      const remove: string[] = [];
      for (const [key, value] of Object.entries(this.server)) if (!same(area[key], value)) set[key] = value;
      for (const key of Object.keys(area)) if (!(key in this.server)) remove.push(key);
      if (Object.keys(set).length === 0 && remove.length === 0) continue;
      await worker.evaluate(
        async ([items, keys]) => {
          const chrome = (globalThis as unknown as { chrome: SyncStorage }).chrome;
          if (Object.keys(items).length > 0) await chrome.storage.sync.set(items);
          if (keys.length > 0) await chrome.storage.sync.remove(keys);
        },
        [set, remove] as const,
      );
      this.lastSeen.set(worker, structuredClone(this.server));
    }
  }

  /** Pumps every `everyMs` until stopped (rounds never overlap). */
  start(everyMs = 250): void {
    this.timer ??= setInterval(() => {
      if (this.pumping) return;
      this.pumping = this.pump()
        .catch(() => undefined) // a worker restarting mid-round: the next round catches up
        .finally(() => {
          this.pumping = null;
        });
    }, everyMs);
  }

  /** Like a network cut: nothing travels until `reconnect` (a round under way finishes first). */
  async disconnect(): Promise<void> {
    this.connected = false;
    await this.pumping;
  }
  reconnect(): void {
    this.connected = true;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pumping;
  }
}
