// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { FakeIntersectionObserver, IDS, openSearch, page, panelRoot, tile, withPowerPage } from '../../../tests/unit/page/power-page';
import { settle } from '../../../tests/unit/page/support';
import { seenJobsDoc } from '../../settings/store';

withPowerPage();

describe('seen markers', () => {
  it('marks new and seen jobs and records tiles once they were on screen', async () => {
    await seenJobsDoc.write([[IDS[0], Date.now() - 2 * 24 * 3_600_000]]);
    await openSearch();
    expect(panelRoot(IDS[0]).querySelector('[data-loupe-badge="seen"]')?.textContent).toBe('Seen 2 days ago');
    expect(panelRoot(IDS[1]).querySelector('[data-loupe-badge="seen"]')?.textContent).toBe('New');
    const observer = FakeIntersectionObserver.instances[0] as FakeIntersectionObserver;
    observer.show(tile(IDS[1]));
    page.life.abort(); // stopping flushes the pending batch
    await settle();
    // The worker holds seen jobs in memory and writes them a moment later: ask it, as a page would.
    const { seen } = await page.worker.send('power.seenJobs', { ids: [...IDS] });
    expect(seen.map(([id]) => id)).toEqual([IDS[0], IDS[1]]);
  });

  it('asks the worker about its own tiles only, and what was seen after the page opened still reads "New"', async () => {
    await seenJobsDoc.write([
      ...Array.from({ length: 3_000 }, (_, i): [string, number] => [String(10_000 + i), 1]),
      [IDS[0], Date.now() - 60_000],
    ]);
    await openSearch();
    const asked = page.worker.calls.filter((call) => call.type === 'power.seenJobs');
    expect(asked.map((call) => call.payload)).toEqual([{ ids: [...IDS] }]);
    expect(panelRoot(IDS[0]).querySelector('[data-loupe-badge="seen"]')?.textContent).toBe('Seen 1 minute ago');

    // Seen on this page, then shown again by a later tile (infinite scroll): still new to this page's eyes.
    await page.worker.send('power.markSeen', { ids: [IDS[1]] });
    const again = tile(IDS[1]).cloneNode(true) as HTMLElement;
    again.querySelector('loupe-tile-panel')?.remove();
    tile(IDS[2]).after(again);
    await settle(120);
    expect(again.querySelector('loupe-tile-panel')?.shadowRoot?.querySelector('[data-loupe-badge="seen"]')?.textContent).toBe('New');
  });

  it('a worker that cannot answer leaves the badges off, with one warning for the page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const send = page.worker.send;
    let asked = 0;
    page.worker.send = (async (type: string, payload: unknown) => {
      if (type === 'power.seenJobs') {
        asked += 1;
        throw new Error('the worker went away');
      }
      return send(type as Parameters<typeof send>[0], payload as never);
    }) as typeof send;
    await openSearch();
    await settle();
    expect(IDS.map((id) => panelRoot(id)?.querySelector('[data-loupe-badge="seen"]') ?? null)).toEqual([null, null, null]);
    // A tile added later asks again, and fails again, quietly.
    const again = tile(IDS[1]).cloneNode(true) as HTMLElement;
    again.querySelector('loupe-tile-panel')?.remove();
    tile(IDS[2]).after(again);
    await settle(120);
    expect(asked).toBe(2);
    expect(warn.mock.calls.filter(([text]) => String(text).includes('seen jobs'))).toHaveLength(1);
  });
});
