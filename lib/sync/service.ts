import { browser } from 'wxt/browser';
import { kindOfKey } from './chunks';
import { type EngineDeps, type RunResult, runSync, type SyncArea } from './engine';
import { syncKindIds, syncKinds } from './kinds';
import { readPrefs, SYNC_PREFS_KEY, syncLedgerItem, syncStatusItem } from './state';

/**
 * Sync in the worker: runs are serialised (one at a time), debounced (a burst of edits becomes one
 * write), and woken by what can change the outcome: a local edit to a synced kind, a change from
 * another device in the 'sync' area, the user's choices, and an alarm when the write limits held
 * changes back. The worker owns storage writes, so it is the one place that stamps local edits.
 */

export const SYNC_ALARM = 'loupe-sync';
/** A local edit waits this long for more edits before it is written to the sync area. */
export const LOCAL_DEBOUNCE_MS = 2_000;
/** Changes from another device are merged in sooner. */
export const REMOTE_DEBOUNCE_MS = 300;
/** Longer waits go to an alarm: an MV3 worker may be stopped after 30 s idle, and its timers with it. */
const TIMER_MAX_MS = 20_000;

export function storageDeps(area: SyncArea, now: () => number = Date.now): EngineDeps {
  return {
    area,
    now,
    readPrefs,
    readLedger: () => syncLedgerItem.getValue(),
    writeLedger: (ledger) => syncLedgerItem.setValue(ledger),
    writeStatus: (status) => syncStatusItem.setValue(status),
  };
}

export interface SyncService {
  /** Runs soon (after `delayMs`, merged with other requests); settles after that run. */
  request(delayMs: number): Promise<RunResult | null>;
  /** The run in progress or the last one (tests). */
  idle(): Promise<void>;
}

export function createSyncService(deps: EngineDeps, scheduleAlarm: (at: number) => void = () => undefined): SyncService {
  let chain: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dueAt = Number.POSITIVE_INFINITY;
  let waiting: Array<(result: RunResult | null) => void> = [];

  const runNow = () => {
    timer = null;
    dueAt = Number.POSITIVE_INFINITY;
    const settle = waiting;
    waiting = [];
    const run = chain.then(async () => {
      try {
        const result = await runSync(deps);
        if (result.retryAt !== null) schedule(result.retryAt - deps.now());
        return result;
      } catch (error) {
        console.warn('Loupe could not sync.', error);
        return null;
      }
    });
    chain = run;
    void run.then((result) => {
      for (const resolve of settle) resolve(result);
    });
  };

  const schedule = (delayMs: number) => {
    if (delayMs > TIMER_MAX_MS) {
      scheduleAlarm(deps.now() + delayMs);
      return;
    }
    const at = deps.now() + Math.max(0, delayMs);
    if (timer !== null && at >= dueAt) return;
    if (timer !== null) clearTimeout(timer);
    dueAt = at;
    timer = setTimeout(runNow, Math.max(0, delayMs));
  };

  return {
    request(delayMs) {
      const done = new Promise<RunResult | null>((resolve) => waiting.push(resolve));
      schedule(delayMs);
      return done;
    },
    idle: async () => {
      await chain;
    },
  };
}

/** Which storage.local keys concern sync: the kinds' items and the user's choices. */
function watchedLocalKeys(): Set<string> {
  const keys = new Set<string>([SYNC_PREFS_KEY.slice('local:'.length)]);
  for (const id of syncKindIds) for (const key of syncKinds[id].localKeys) keys.add(key);
  return keys;
}

/** Call synchronously from the worker's start: MV3 delivers the waking event only to listeners added in the first turn. */
export function startSync(): SyncService {
  const service = createSyncService(storageDeps(browser.storage.sync as unknown as SyncArea), (at) => {
    void browser.alarms.create(SYNC_ALARM, { when: Math.max(at, Date.now() + 30_000) });
  });
  const localKeys = watchedLocalKeys();
  browser.storage.onChanged.addListener((changes, area) => {
    const keys = Object.keys(changes);
    if (area === 'sync' && keys.some((key) => kindOfKey(key) !== null)) void service.request(REMOTE_DEBOUNCE_MS);
    else if (area === 'local' && keys.some((key) => localKeys.has(key))) void service.request(LOCAL_DEBOUNCE_MS);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) void service.request(0);
  });
  // Edits made while no worker listened, and news from other devices since: settled at start.
  void service.request(REMOTE_DEBOUNCE_MS);
  return service;
}
