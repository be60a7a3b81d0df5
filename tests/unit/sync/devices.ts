import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type RunResult, runSync } from '../../../lib/sync/engine';
import type { SyncKindId } from '../../../lib/sync/kinds';
import { storageDeps } from '../../../lib/sync/service';
import { type SyncPrefs, writePrefs } from '../../../lib/sync/state';
import { FakeSyncArea } from './fake-sync-area';

/**
 * Several browser profiles sharing one sync area, in one test process: each device keeps its own
 * storage.local, swapped into WXT's fake browser while that device runs. The sync code under test
 * is the real one; only the browser around it is simulated.
 */
export class Clock {
  constructor(public at = Date.UTC(2026, 10, 1, 9)) {}
  now = () => this.at;
  advance(ms: number): void {
    this.at += ms;
  }
}

export class Device {
  private local: Record<string, unknown> = {};

  constructor(
    readonly area: FakeSyncArea,
    readonly clock: Clock,
  ) {}

  /** Runs `work` with this device's storage.local in place. */
  async use<T>(work: () => Promise<T>): Promise<T> {
    await fakeBrowser.storage.local.clear();
    await fakeBrowser.storage.local.set(this.local);
    try {
      return await work();
    } finally {
      this.local = await fakeBrowser.storage.local.get(null);
    }
  }

  sync(): Promise<RunResult> {
    return this.use(() => runSync(storageDeps(this.area, this.clock.now)));
  }

  enable(...kinds: SyncKindId[]): Promise<void> {
    const prefs = Object.fromEntries(kinds.map((kind) => [kind, true])) as SyncPrefs;
    return this.use(() => writePrefs(prefs));
  }

  raw(): Record<string, unknown> {
    return structuredClone(this.local);
  }
}

export function twoDevices() {
  const clock = new Clock();
  const area = new FakeSyncArea(clock.now);
  return { clock, area, a: new Device(area, clock), b: new Device(area, clock) };
}
