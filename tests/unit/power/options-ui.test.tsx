// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BlockListEditor } from '../../../components/options/BlockListEditor';
import { HighlightGroupsEditor } from '../../../components/options/HighlightGroups';
import { ImportExport } from '../../../components/options/ImportExport';
import { NotesList } from '../../../components/options/NotesList';
import { PowerTools } from '../../../components/options/PowerTools';
import { RulesEditor } from '../../../components/options/RulesEditor';
import { ScoreWeightsEditor } from '../../../components/options/ScoreWeights';
import { backupToJson, makeBackup } from '../../../lib/power/export';
import { defaultSettings } from '../../../lib/settings/schema';
import { blockListDoc, notesDoc, pageSampleDoc, readPowerData, settingsDoc } from '../../../lib/settings/store';
import { settle } from '../page/support';
import { makeJob } from './job-fixture';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;

async function mount(element: React.ReactElement): Promise<void> {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(element));
  await act(() => settle());
}

const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => container.querySelector(`[data-testid="${id}"]`) as T;

/** Types into a React-controlled field the way a user does (React tracks the native value setter). */
async function type(element: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  const prototype = element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  await act(async () => {
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
async function click(element: HTMLElement): Promise<void> {
  await act(async () => element.click());
  await act(() => settle());
}

beforeEach(() => {
  document.body.replaceChildren();
});
afterEach(async () => {
  await act(async () => root.unmount());
});

describe('rules editor', () => {
  it('edits and saves one rule without touching other settings', async () => {
    const settings = defaultSettings();
    settings.score.weights.rating = 9;
    await settingsDoc.write(settings);
    await mount(<RulesEditor />);
    await click(byTestId('rule-minClientSpend-enabled'));
    await type(byTestId<HTMLInputElement>('rule-minClientSpend-amount'), '2,500');
    expect(byTestId('rules-status').textContent).toBe('Unsaved changes.');
    await click(byTestId('rules-save'));
    const saved = await settingsDoc.get();
    expect(saved.rules.minClientSpend).toEqual({ enabled: true, action: 'hide', amount: 2_500 });
    expect(saved.score.weights.rating).toBe(9);
    expect(byTestId('rules-status').textContent).toBe('Saved.');
  });

  it('counts what the draft rules would hide on the last Upwork list, before saving', async () => {
    const jobs = [5, 20, 30].map((applicants, i) => makeJob({ id: String(100 + i), totalApplicants: applicants }));
    await pageSampleDoc.write({ url: 'https://www.upwork.com/nx/search/jobs/?q=react', title: 'React jobs', at: Date.now(), jobs });
    await mount(<RulesEditor />);
    expect(byTestId('rules-live-count').textContent).toContain('would hide 0 and dim 0 of 3 jobs');
    await click(byTestId('rule-maxProposals-enabled'));
    await type(byTestId<HTMLInputElement>('rule-maxProposals-max'), '10');
    expect(byTestId('rules-live-count').textContent).toBe(
      'On your last Upwork list (React jobs, just now), these rules would hide 2 and dim 0 of 3 jobs.',
    );
  });

  it('refuses to save a value that is not a number, saying why', async () => {
    await mount(<RulesEditor />);
    await type(byTestId<HTMLInputElement>('rule-minRating-rating'), 'five');
    expect(byTestId<HTMLInputElement>('rule-minRating-rating').getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Enter a number, like 1000.');
    expect(byTestId<HTMLButtonElement>('rules-save').disabled).toBe(true);
    await type(byTestId<HTMLInputElement>('rule-minRating-rating'), '6');
    expect(container.querySelector('[role="alert"]')?.textContent).toBe('Enter 5 or less.');
    await type(byTestId<HTMLInputElement>('rule-minRating-rating'), '4.2');
    expect(byTestId<HTMLButtonElement>('rules-save').disabled).toBe(false);
  });
});

describe('score weights editor', () => {
  it('shows each factor’s share and saves weights', async () => {
    await mount(<ScoreWeightsEditor />);
    // Defaults 3+2+2+2+2+1+2+1 = 15: client spend has 3/15 = 20%.
    expect(byTestId('weight-clientSpend-share').textContent).toBe('20%');
    const slider = byTestId<HTMLInputElement>('weight-clientSpend-input');
    await type(slider, '0');
    expect(byTestId('weight-clientSpend-share').textContent).toBe('off');
    await click(byTestId('score-save'));
    expect((await settingsDoc.get()).score.weights.clientSpend).toBe(0);
  });
});

describe('highlight groups editor', () => {
  it('adds a group and previews marks built as elements', async () => {
    await mount(<HighlightGroupsEditor />);
    await click(byTestId('highlight-add'));
    await type(byTestId<HTMLInputElement>('highlight-group-0-terms'), 'react <b>');
    const marks = [...byTestId('highlight-preview').querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['React']);
    await click(byTestId('highlights-save'));
    expect((await settingsDoc.get()).highlights).toEqual([expect.objectContaining({ terms: 'react <b>', color: 'yellow', enabled: true })]);
  });
});

describe('block list and notes', () => {
  it('lists blocked clients and unblocks one', async () => {
    await blockListDoc.write({ clients: [{ clientId: 'org-1', label: 'Client in Oslo', reason: 'slow', addedAt: 1 }] });
    await mount(<BlockListEditor />);
    expect(byTestId('blocklist-table').textContent).toContain('Client in Oslo');
    await click(container.querySelector('[aria-label="Unblock Client in Oslo"]') as HTMLElement);
    expect((await blockListDoc.get()).clients).toEqual([]);
    expect(byTestId('blocklist-empty')).not.toBeNull();
  });

  it('filters notes by tag and edits one', async () => {
    await notesDoc.write({
      entries: [
        { target: 'client', key: 'org-1', text: 'Pays fast', tags: ['good'], label: 'Client in Oslo', updatedAt: 2 },
        { target: 'job', key: '99', text: 'Applied', tags: ['applied'], label: 'React job', updatedAt: 1 },
      ],
    });
    await mount(<NotesList />);
    expect(byTestId('notes-count').textContent).toBe('2 of 2 notes');
    const filter = byTestId<HTMLSelectElement>('notes-tag-filter');
    await act(async () => {
      filter.value = 'applied';
      filter.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(byTestId('notes-count').textContent).toBe('1 of 2 notes');
    await type(byTestId<HTMLTextAreaElement>('note-0-text'), 'Applied, waiting');
    await click(byTestId('note-0-save'));
    expect((await notesDoc.get()).entries.find((n) => n.key === '99')?.text).toBe('Applied, waiting');
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
    await mount(<PowerTools />);
    expect(byTestId('settings-health').textContent).toContain(
      'Your “Rules: Minimum client spend: amount” setting was unreadable and was reset to its default.',
    );
    await click(byTestId('rule-maxProposals-enabled'));
    await click(byTestId('rules-save'));
    expect(byTestId('settings-health')).toBeNull();
  });
});
