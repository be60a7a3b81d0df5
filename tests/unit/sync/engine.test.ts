import { describe, expect, it } from 'vitest';
import { blockClient, deleteNote, saveNote } from '../../../lib/power/actions';
import { defaultSettings } from '../../../lib/settings/schema';
import { blockListDoc, notesDoc, settingsDoc } from '../../../lib/settings/store';
import { itemBytes, SYNC_QUOTA } from '../../../lib/sync/quota';
import { readStatus } from '../../../lib/sync/state';
import { twoDevices } from './devices';

const note = (key: string, text: string) => ({ target: 'client' as const, key, text, tags: ['t'], label: `Client ${key}` });
const noteTexts = async () => Object.fromEntries((await notesDoc.get()).entries.map((entry) => [entry.key, entry.text]));

describe('sync between two browsers', () => {
  it('brings a note written on one browser to the other', async () => {
    const { a, b, area, clock } = twoDevices();
    await a.enable('notes');
    await b.enable('notes');
    await a.use(() => saveNote(note('c1', 'Pays on time'), clock.now()));
    const pushed = await a.sync();
    expect(pushed.pushed).toEqual(['loupe.notes.0']);
    clock.advance(5_000);
    const pulled = await b.sync();
    expect(pulled.pulled).toEqual(['notes']);
    expect(await b.use(noteTexts)).toEqual({ c1: 'Pays on time' });
    // Nothing new on b: it does not write the area again.
    expect(pulled.pushed).toEqual([]);
    expect(area.errors).toEqual([]);
  });

  it('keeps concurrent edits to different notes, and the newest edit of the same note', async () => {
    const { a, b, clock } = twoDevices();
    await a.enable('notes');
    await b.enable('notes');
    await a.use(() => saveNote(note('shared', 'first'), clock.now()));
    await a.sync();
    await b.sync();
    // Both edit offline, then sync in turn.
    clock.advance(1_000);
    await a.use(() => saveNote(note('only-a', 'written on a'), clock.now()));
    await a.use(() => saveNote(note('shared', 'edited on a'), clock.now()));
    clock.advance(1_000);
    await b.use(() => saveNote(note('only-b', 'written on b'), clock.now()));
    await b.use(() => saveNote(note('shared', 'edited on b, later'), clock.now()));
    await a.sync();
    clock.advance(1_000);
    await b.sync();
    clock.advance(1_000);
    await a.sync();
    const expected = { shared: 'edited on b, later', 'only-a': 'written on a', 'only-b': 'written on b' };
    expect(await a.use(noteTexts)).toEqual(expected);
    expect(await b.use(noteTexts)).toEqual(expected);
  });

  it('carries a deletion across, and a later edit elsewhere wins over an earlier deletion', async () => {
    const { a, b, clock } = twoDevices();
    await a.enable('notes', 'blockList');
    await b.enable('notes', 'blockList');
    await a.use(async () => {
      await saveNote(note('gone', 'delete me'), clock.now());
      await saveNote(note('kept', 'keep me'), clock.now());
      await blockClient({ clientId: 'spammer', label: 'Spam Inc' }, clock.now());
    });
    await a.sync();
    await b.sync();
    expect((await b.use(() => blockListDoc.get())).clients.map((client) => client.clientId)).toEqual(['spammer']);
    clock.advance(1_000);
    await a.use(async () => {
      await deleteNote('client', 'gone');
      await deleteNote('client', 'kept');
    });
    await a.sync();
    clock.advance(1_000);
    await b.use(() => saveNote(note('kept', 'edited after the deletion'), clock.now()));
    await b.sync();
    clock.advance(1_000);
    await a.sync();
    expect(await a.use(noteTexts)).toEqual({ kept: 'edited after the deletion' });
    expect(await b.use(noteTexts)).toEqual({ kept: 'edited after the deletion' });
  });

  it('merges settings rule by rule, and a newcomer’s untouched defaults do not overwrite', async () => {
    const { a, b, clock } = twoDevices();
    await a.use(async () => {
      const settings = defaultSettings();
      settings.rules.minClientSpend = { ...settings.rules.minClientSpend, enabled: true, amount: 5_000 };
      await settingsDoc.write(settings);
    });
    await a.enable('rules', 'score');
    await a.sync();
    // b switches sync on later, with default rules and one weight of its own.
    await b.use(async () => {
      const settings = defaultSettings();
      settings.score.keywords = 'react';
      await settingsDoc.write(settings);
    });
    await b.enable('rules', 'score');
    clock.advance(60_000);
    await b.sync();
    await a.sync();
    for (const device of [a, b]) {
      const settings = await device.use(() => settingsDoc.get());
      expect(settings.rules.minClientSpend).toMatchObject({ enabled: true, amount: 5_000 });
      expect(settings.score.keywords).toBe('react');
    }
  });

  it('syncs only the kinds switched on, and never tokens, secrets or caches', async () => {
    const { a, area, clock } = twoDevices();
    await a.use(async () => {
      await saveNote(note('c1', 'a note'), clock.now());
      await blockClient({ clientId: 'blocked' }, clock.now());
      await fakeBrowserSet({ refreshToken: 'sealed-refresh-token', clientSecret: 'sealed-secret', seenJobs: [['123', 1]] });
    });
    await a.enable('blockList');
    await a.sync();
    const synced = JSON.stringify(await area.get(null));
    expect(synced).toContain('blocked');
    expect(synced).not.toContain('a note');
    for (const secret of ['sealed-refresh-token', 'sealed-secret', '123']) expect(synced).not.toContain(secret);
  });
});

async function fakeBrowserSet(values: Record<string, unknown>): Promise<void> {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  await fakeBrowser.storage.local.set(values);
}

/** Notes written in one go (saving them one by one is slow and not what is tested here). */
async function writeNotes(count: number, length: number, now: number): Promise<void> {
  const entries = Array.from({ length: count }, (_, i) => ({
    target: 'client' as const,
    key: `client-${i}`,
    text: `Note ${i}: ${'y'.repeat(length)}`,
    tags: [],
    label: '',
    updatedAt: now,
  }));
  await notesDoc.write({ entries });
}

describe('sync within the browser’s quotas', () => {
  it('chunks a large notes collection under the per-item limit', async () => {
    const { a, b, area, clock } = twoDevices();
    await a.enable('notes');
    await b.enable('notes');
    await a.use(() => writeNotes(150, 300, clock.now()));
    await a.sync();
    const stored = await area.get(null);
    expect(Object.keys(stored).length).toBeGreaterThan(5);
    for (const [key, value] of Object.entries(stored)) expect(itemBytes(key, value)).toBeLessThanOrEqual(SYNC_QUOTA.QUOTA_BYTES_PER_ITEM);
    await b.sync();
    expect(Object.keys(await b.use(noteTexts))).toHaveLength(150);
    expect(area.errors).toEqual([]);
  });

  it('names what does not fit, keeps syncing the rest, and keeps every local entry', async () => {
    const { a, area, clock } = twoDevices();
    await a.use(async () => {
      await writeNotes(400, 300, clock.now());
      await saveNote(note('huge', 'z'.repeat(9_000)), clock.now());
      await blockClient({ clientId: 'blocked' }, clock.now());
    });
    await a.enable('blockList', 'notes');
    const result = await a.sync();
    expect(area.errors).toEqual([]);
    expect(area.bytesInUse()).toBeLessThanOrEqual(SYNC_QUOTA.QUOTA_BYTES);
    expect(result.status.notSynced.join('\n')).toMatch(/Not synced: Notes and tags\. It needs \d+ kB/);
    expect(result.status.usage.blockList?.entries).toBe(1);
    expect(result.status.usage.notes).toBeUndefined();
    expect(Object.keys(await a.use(noteTexts))).toHaveLength(401);
    expect(await a.use(readStatus)).toMatchObject({ notSynced: result.status.notSynced });

    // With fewer notes they fit, but the one over 8 kB is named and stays local.
    await a.use(() =>
      notesDoc.update((notes) => ({
        entries: notes.entries.filter((entry) => !/^client-([0-9]|[0-9][0-9]|[0-2][0-9][0-9])$/.test(entry.key)),
      })),
    );
    const smaller = await a.sync();
    expect(smaller.status.notSynced).toEqual([expect.stringMatching(/Not synced: 1 of Notes and tags \(client:huge\)/)]);
    expect(smaller.status.usage.notes?.entries).toBe(101);
    expect(area.errors).toEqual([]);
  });

  it('holds writes back under the write limits instead of hitting them', async () => {
    const { a, area, clock } = twoDevices();
    await a.enable('notes');
    let held = 0;
    // Five edits a second for 80 seconds, each followed by a run: 400 writes if none were held back.
    for (let i = 0; i < 400; i++) {
      await a.use(() => saveNote(note('busy', `edit ${i}`), clock.now()));
      const result = await a.sync();
      if (result.retryAt !== null) held += 1;
      clock.advance(200);
    }
    expect(area.errors).toEqual([]);
    expect(held).toBeGreaterThan(0);
    const lastMinute = area.writeTimes.filter((at) => at > clock.now() - 60_000).length;
    expect(lastMinute).toBeLessThanOrEqual(SYNC_QUOTA.MAX_WRITE_OPERATIONS_PER_MINUTE);
    // The newest edit goes out once the window allows.
    clock.advance(61_000);
    await a.sync();
    expect(JSON.stringify(await area.get(null))).toContain('edit 399');
  });

  it('skips and reports a damaged chunk, loses nothing local, and repairs the area', async () => {
    const { a, b, area, clock } = twoDevices();
    await a.enable('notes');
    await b.enable('notes');
    await b.use(() => saveNote(note('mine', 'only on b'), clock.now()));
    await a.use(() => saveNote(note('theirs', 'from a'), clock.now()));
    await a.sync();
    area.data.set('loupe.notes.0', '{"v":1,"e":[[');
    area.data.set('loupe.notes.1', { v: 1, e: [['client:x', 'not a time', 'dev', {}]] });
    clock.advance(1_000);
    const result = await b.sync();
    expect(result.status.problems).toEqual([
      'The synced part loupe.notes.0 could not be read and was skipped.',
      '1 unreadable entry in the synced part loupe.notes.1 was skipped.',
    ]);
    expect(await b.use(noteTexts)).toEqual({ mine: 'only on b' });
    // b rewrote the area with what it has; a, on its next run, puts its note back.
    await a.sync();
    await b.sync();
    expect(await b.use(noteTexts)).toEqual({ mine: 'only on b', theirs: 'from a' });
  });
});
