// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { SyncSettings } from '../../../components/options/SyncSettings';
import { saveNote } from '../../../lib/power/actions';
import { runSync } from '../../../lib/sync/engine';
import { storageDeps } from '../../../lib/sync/service';
import { readPrefs, syncStatusItem, writePrefs } from '../../../lib/sync/state';
import { settle } from '../page/support';
import { FakeSyncArea } from './fake-sync-area';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let container: HTMLElement;

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

async function mount(): Promise<void> {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root.render(<SyncSettings />));
  await act(() => settle());
}
const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => container.querySelector(`[data-testid="${id}"]`) as T;

describe('sync settings on the options page', () => {
  it('starts with everything off, records a switch, and shows what each kind uses after a run', async () => {
    await mount();
    expect(byTestId('sync-total').textContent).toBe('Sync is off.');
    expect(byTestId<HTMLInputElement>('sync-kind-notes').checked).toBe(false);

    await act(async () => byTestId('sync-kind-notes').click());
    await act(() => settle());
    expect((await readPrefs()).notes).toBe(true);
    expect(byTestId('sync-usage-notes').textContent).toBe('Waiting for the first sync');
    expect(byTestId('sync-usage-rules').textContent).toBe('Not synced');

    await act(async () => {
      await saveNote({ target: 'client', key: 'c1', text: 'Good client', tags: [] });
      await runSync(storageDeps(new FakeSyncArea()));
    });
    await act(() => settle());
    expect(byTestId('sync-usage-notes').textContent).toMatch(/^0\.\d kB \(under 1%\), 1 entry$/);
    expect(byTestId('sync-total').textContent).toMatch(/^Loupe uses 0\.\d kB of the 93\.8 kB/);
  });

  it('names what is not synced', async () => {
    await writePrefs({
      settings: false,
      rules: false,
      score: false,
      highlights: false,
      blockList: false,
      notes: true,
      savedSearches: false,
    });
    await syncStatusItem.setValue({
      at: 1,
      usage: {},
      notSynced: ['Not synced: Notes and tags. It needs 120.0 kB and the browser’s sync space has 90.0 kB left of 93.8 kB.'],
      problems: [],
      error: null,
      nextWriteAt: null,
    });
    await mount();
    expect(byTestId('sync-problems').textContent).toContain('Not synced: Notes and tags.');
  });
});
