import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveNote } from '../../../lib/power/actions';
import { BACKUP_FORMAT, BACKUP_VERSION } from '../../../lib/power/export';
import { importBackup } from '../../../lib/power/import';
import { readPowerData } from '../../../lib/settings/store';

/**
 * An import must not lose a note saved in another tab while it runs. The
 * other tab's save is played right after the import first reads storage.
 */

const backup = (sections: Record<string, unknown>) => JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, ...sections });

/** Saves a note "from another tab" the first time anyone reads the notes item after this call. */
async function saveElsewhereOnFirstRead(key: string): Promise<void> {
  await readPowerData(); // items defined and migrated first, as in a page that has been open a while
  const get = fakeBrowser.storage.local.get.bind(fakeBrowser.storage.local);
  let done = false;
  vi.spyOn(fakeBrowser.storage.local, 'get').mockImplementation(async (keys?: unknown) => {
    const result = await get(keys as string[]);
    const asked = Array.isArray(keys) ? keys : [keys];
    if (!done && asked.includes('notes')) {
      done = true;
      await saveNote({ target: 'client', key, text: 'typed in another tab', tags: [] });
    }
    return result;
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('an import while another tab saves a note', () => {
  it('merging notes keeps the note saved in between', async () => {
    await saveElsewhereOnFirstRead('elsewhere');
    const file = backup({ notes: { entries: [{ target: 'job', key: '77', text: 'from the file', tags: [], label: '', updatedAt: 1 }] } });
    expect(await importBackup(file, 'merge')).toMatchObject({ ok: true });
    expect((await readPowerData()).notes.entries.map((note) => note.key).sort()).toEqual(['77', 'elsewhere']);
  });

  it('a file without notes leaves notes alone, including one saved in between', async () => {
    await saveElsewhereOnFirstRead('elsewhere');
    const file = backup({ settings: { rules: { minClientSpend: { enabled: true, action: 'dim', amount: 10 } } } });
    expect(await importBackup(file, 'replace')).toMatchObject({ ok: true });
    const after = await readPowerData();
    expect(after.notes.entries.map((note) => note.key)).toEqual(['elsewhere']);
    expect(after.settings.rules.minClientSpend).toMatchObject({ enabled: true, amount: 10 });
  });
});
