// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { DETAILS, IDS, isHidden, openSearch, page, panelRoot, run, tile, withPowerPage } from '../../../tests/unit/page/power-page';
import { makeJob, settle, userClick, userSubmit } from '../../../tests/unit/page/support';
import { showFixture } from '../../../tests/unit/site/fixture-dom';
import { blockListDoc, notesDoc } from '../../settings/store';

withPowerPage();

describe('notes and blocking on the page', () => {
  it('saves a client note that shows on every job of that client', async () => {
    await openSearch();
    const root = panelRoot(IDS[0]);
    // On a tile the actions sit behind one button until the user opens it.
    const menu = root.querySelector('.loupe-notes-menu') as HTMLButtonElement;
    const actions = root.querySelector('.loupe-notes-actions') as HTMLElement;
    expect(actions.hidden).toBe(true);
    menu.click();
    expect(actions.hidden).toBe(true);
    userClick(menu);
    expect(actions.hidden).toBe(false);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    userClick(root.querySelector('[data-loupe-action="client-note"]') as HTMLButtonElement);
    expect(actions.hidden).toBe(true);
    (root.querySelector('textarea') as HTMLTextAreaElement).value = 'Pays on time';
    (root.querySelector('.loupe-notes-form input') as HTMLInputElement).value = 'good, repeat';
    // A script submitting the form saves nothing; the user's submit does.
    (root.querySelector('.loupe-notes-form') as HTMLFormElement).requestSubmit();
    await settle();
    expect((await notesDoc.get()).entries).toEqual([]);
    userSubmit(root.querySelector('.loupe-notes-form') as HTMLFormElement);
    await settle();
    const notes = await notesDoc.get();
    expect(notes.entries).toEqual([
      expect.objectContaining({
        target: 'client',
        key: 'org-a',
        text: 'Pays on time',
        tags: ['good', 'repeat'],
        label: expect.stringContaining('Client in'),
      }),
    ]);
    // Same client, other tile: the note shows there too; a different client's tile does not.
    expect(panelRoot(IDS[2]).querySelector('[data-loupe-note="client"]')?.textContent).toContain('Pays on time');
    expect(panelRoot(IDS[1]).querySelector('[data-loupe-note="client"]')).toBeNull();
  });

  it('blocks a client from its tile, which the filters then hide', async () => {
    await openSearch();
    (panelRoot(IDS[1]).querySelector('[data-loupe-action="block"]') as HTMLButtonElement).click();
    await settle();
    expect((await blockListDoc.get()).clients).toEqual([]);
    userClick(panelRoot(IDS[1]).querySelector('[data-loupe-action="block"]') as HTMLButtonElement);
    await settle();
    expect((await blockListDoc.get()).clients.map((c) => c.clientId)).toEqual(['org-b']);
    expect(isHidden(tile(IDS[1]))).toBe(true);
    expect(document.querySelector('loupe-hidden-jobs')?.shadowRoot?.textContent).toContain('hidden by your rules: Blocked clients');
  });

  it('offers only job notes when the job has no client id', async () => {
    page.worker.jobs.set(IDS[0], makeJob(IDS[0]));
    await openSearch();
    const block = panelRoot(IDS[0]).querySelector('[data-loupe-action="block"]') as HTMLButtonElement;
    expect(block.disabled).toBe(true);
    expect((panelRoot(IDS[0]).querySelector('[data-loupe-action="job-note"]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows the notes on the job page, with the client looked up once', async () => {
    await notesDoc.write({ entries: [{ target: 'client', key: 'org-a', text: 'Slow to reply', tags: ['slow'], label: '', updatedAt: 1 }] });
    showFixture('job-details.html');
    run().navigate(DETAILS);
    await settle(20);
    const island = document.querySelector('loupe-job-notes');
    expect(island?.shadowRoot?.textContent).toContain('Slow to reply');
    expect(page.worker.calls.filter((call) => call.type === 'jobs.forTiles')).toEqual([
      { type: 'jobs.forTiles', payload: { ids: [IDS[0]] } },
    ]);
  });
});
