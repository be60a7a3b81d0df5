import { browser } from 'wxt/browser';
import type { Handlers } from '../../messaging/router';
import { blockClient, saveNote, unblockClient } from '../../power/actions';
import { markSeen, seenIndex } from '../../power/seen';
import { storageKeys } from '../../settings/items';
import { blockListDoc, notesDoc, pageSampleDoc, settingsDoc } from '../../settings/store';
import { readToggles } from '../../settings/toggles';
import { recordListJobs } from '../recent-jobs';
import { seenJobs } from '../seen-jobs';

/** Saves an export through the downloads API (see 'power.export'). */
export type SaveFile = (fileName: string, text: string) => Promise<void>;

export interface PowerHandlerDeps {
  saveFile?: SaveFile;
  now?: () => number;
}

/** The worker's side of lib/messaging/messages/power.ts: reads parse, writes are checked by the store. */
export function createPowerHandlers({ saveFile = downloadFile, now = Date.now }: PowerHandlerDeps = {}): Handlers {
  const done = { ok: true as const };
  const state = latestPowerState();
  return {
    'power.state': () => state.read(),
    'power.seenJobs': async ({ ids }) => {
      const index = seenIndex(await seenJobs.get());
      return {
        seen: ids.flatMap((id): [string, number][] => {
          const at = index.get(id);
          return at === undefined ? [] : [[id, at]];
        }),
      };
    },
    'power.markSeen': async ({ ids }) => {
      await seenJobs.update((seen) => markSeen(seen, ids, now()));
      return done;
    },
    'power.saveNote': async (note) => {
      await saveNote(note, now());
      state.forget();
      return done;
    },
    'power.block': async ({ posterId: clientId, label }) => {
      await blockClient({ clientId, label }, now());
      state.forget();
      return done;
    },
    'power.unblock': async ({ posterId: clientId }) => {
      await unblockClient(clientId);
      state.forget();
      return done;
    },
    'power.pageSample': async (sample) => {
      await pageSampleDoc.write(sample);
      await recordListJobs(sample.jobs, now());
      return done;
    },
    'power.export': async ({ fileName, text }) => {
      await saveFile(fileName, text);
      return done;
    },
  };
}

async function readPowerState() {
  const [toggles, settings, blockList, notes] = await Promise.all([
    readToggles().catch(() => ({})),
    settingsDoc.get(),
    blockListDoc.get(),
    notesDoc.get(),
  ]);
  return { toggles, settings, blockList, notes };
}

/**
 * What every page asks for first, kept parsed between changes: reading and parsing four items
 * took 5-35 ms of the worker per page load, on the way to the page's first tile. Any change to
 * them (from any context) drops the copy; a read that a change overtook is not kept.
 */
function latestPowerState() {
  let kept: ReturnType<typeof readPowerState> | undefined;
  const forget = () => {
    kept = undefined;
  };
  watchPowerStorage(forget);
  return {
    /** After this worker's own writes: the change event may come after the next read. */
    forget,
    read() {
      if (kept) return kept;
      const value = readPowerState();
      kept = value;
      value.catch(() => {
        if (kept === value) kept = undefined;
      });
      return value;
    },
  };
}

async function downloadFile(fileName: string, text: string): Promise<void> {
  const type = fileName.endsWith('.csv') ? 'text/csv;charset=utf-8' : 'application/json';
  // An MV3 service worker has no object URLs; Firefox's background page has, and prefers them.
  const url =
    typeof URL.createObjectURL === 'function'
      ? URL.createObjectURL(new Blob([text], { type }))
      : `data:${type},${encodeURIComponent(text)}`;
  await browser.downloads.download({ url, filename: fileName, saveAs: false, conflictAction: 'uniquify' });
  if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The stored items a page shows; a change to any of them is announced to the open upwork.com pages. */
const WATCHED = new Set([storageKeys.settings, storageKeys.blockList, storageKeys.notes, 'local:features'].map((key) => key.slice(6)));

/** Calls back when an item the pages show changed (one `storage.local.set` is one call). */
export function watchPowerStorage(callback: () => void): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && Object.keys(changes).some((key) => WATCHED.has(key))) callback();
  });
}

/** Tells every upwork.com tab that the user's data changed; the notice carries no data. */
export async function announcePowerChange(): Promise<void> {
  const tabs = await browser.tabs.query({ url: 'https://www.upwork.com/*' });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, { loupe: 1, type: 'power.changed' }).catch(() => undefined),
    ),
  );
}
