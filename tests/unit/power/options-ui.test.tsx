// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BlockListEditor } from '../../../components/options/BlockListEditor';
import { ImportExport } from '../../../components/options/ImportExport';
import { SettingsHealthNotice } from '../../../components/options/SettingsHealthNotice';
import { RulesEditor } from '../../../lib/features/job-filters/Editor';
import { backupToJson, makeBackup } from '../../../lib/power/export';
import { defaultSettings } from '../../../lib/settings/schema';
import { blockListDoc, notesDoc, readPowerData } from '../../../lib/settings/store';
import { byTestId, click, mount, shown, withEditors } from './editors';

withEditors();

describe('block list', () => {
  it('lists blocked clients and unblocks one', async () => {
    await blockListDoc.write({ clients: [{ clientId: 'org-1', label: 'Client in Oslo', reason: 'slow', addedAt: 1 }] });
    await mount(<BlockListEditor />);
    expect(byTestId('blocklist-table').textContent).toContain('Client in Oslo');
    await click(shown().querySelector('[aria-label="Unblock Client in Oslo"]') as HTMLElement);
    expect((await blockListDoc.get()).clients).toEqual([]);
    expect(byTestId('blocklist-empty')).not.toBeNull();
  });
});

describe('import and export', () => {
  async function chooseFile(text: string) {
    const input = byTestId<HTMLInputElement>('import-file');
    Object.defineProperty(input, 'files', { value: [new File([text], 'backup.json', { type: 'application/json' })], configurable: true });
  }

  it('lists every problem of a bad file and changes nothing', async () => {
    const before = await fakeBrowser.storage.local.get(null);
    await mount(<ImportExport />);
    await chooseFile(
      JSON.stringify({ format: 'loupe-backup', version: 2, settings: { rules: { minClientSpend: { amount: 'abc' }, nope: 1 } } }),
    );
    await click(byTestId('import-run'));
    const errors = byTestId('import-errors');
    expect(errors.textContent).toContain('Nothing was imported');
    expect([...errors.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'settings.rules.minClientSpend.amount: expected a number, got "abc"',
      'settings.rules.nope: is not a field Loupe knows',
    ]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual(before);
  });

  it('imports a good file by merging, and reports the result', async () => {
    await notesDoc.write({ entries: [{ target: 'job', key: '1', text: 'mine', tags: [], label: '', updatedAt: 1 }] });
    const incoming = await readPowerData();
    incoming.notes = { entries: [{ target: 'job', key: '2', text: 'theirs', tags: [], label: '', updatedAt: 1 }] };
    await mount(<ImportExport />);
    await chooseFile(backupToJson(makeBackup(incoming, new Date())));
    await click(byTestId('import-run'));
    expect(byTestId('import-result').textContent).toContain('You now have 2 notes, 0 blocked clients and 0 saved searches.');
    expect((await notesDoc.get()).entries.map((n) => n.key)).toEqual(['1', '2']);
  });

  it('downloads a backup through a Blob URL', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:loupe-test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    await mount(<ImportExport />);
    await click(byTestId('export-backup'));
    expect(byTestId('export-status').textContent).toBe('Backup downloaded.');
    expect(JSON.parse(await (blobs[0] as Blob).text())).toMatchObject({ format: 'loupe-backup', version: 2 });
  });
});

describe('settings health', () => {
  it('names a field that fell back, until it is saved again', async () => {
    const stored = defaultSettings() as unknown as { rules: { minClientSpend: { amount: unknown } } };
    stored.rules.minClientSpend.amount = 'lots';
    await fakeBrowser.storage.local.set({ settings: stored, settings$: { v: 2 } });
    await mount(
      <>
        <SettingsHealthNotice />
        <RulesEditor />
      </>,
    );
    expect(byTestId('settings-health').textContent).toContain(
      'Your “Rules: Minimum client spend: amount” setting was unreadable and was reset to its default.',
    );
    await click(byTestId('rule-maxProposals-enabled'));
    await click(byTestId('rules-save'));
    expect(byTestId('settings-health')).toBeNull();
  });
});
