// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import {
  IDS,
  noLoupeAttributes,
  openSearch,
  page,
  panelRoot,
  saveSettings,
  tile,
  withPowerPage,
} from '../../../tests/unit/page/power-page';

withPowerPage();

/** A copy of `root` without Loupe's own hosts and the tile ids test builds mark: the page's own nodes. */
function pageOnly(root: Element): Element {
  const copy = root.cloneNode(true) as Element;
  for (const element of [...copy.querySelectorAll('*')]) {
    if (element.localName.startsWith('loupe-')) element.remove();
    else element.removeAttribute('data-loupe-tile');
  }
  return copy;
}

describe('keyword highlights on the page', () => {
  it('paints the keywords inside Loupe’s own roots and leaves the page’s text alone', async () => {
    // happy-dom has no layout: every range gets one box, and the observer reports each tile once, as Chromium's does.
    vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(
      () => [{ left: 10, top: 20, width: 30, height: 12 }] as unknown as DOMRectList,
    );
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly callback: ResizeObserverCallback) {}
        observe(target: Element) {
          queueMicrotask(() => this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver));
        }
        unobserve() {}
        disconnect() {}
      },
    );
    await saveSettings((s) => {
      s.highlights = [{ id: 'g1', name: 'Stack', color: 'green', terms: 'react "dashboard"', enabled: true }];
    });
    const title = tile(IDS[0]).querySelector('[data-test="job-tile-title-link"]') as HTMLElement;
    const originalNode = title.firstChild;
    const pageBefore = pageOnly(document.body);
    await openSearch();
    const boxes = IDS.flatMap((id) => [...panelRoot(id).querySelectorAll('.loupe-layer .loupe-hl')]);
    expect(boxes.map((box) => (box as HTMLElement).dataset.color)).toEqual(['green', 'green', 'green']);
    // The page's own text: the same node, no <mark>, no attribute naming a keyword or a group.
    expect(title.firstChild).toBe(originalNode);
    expect(title.childNodes).toHaveLength(1);
    expect(document.querySelectorAll('mark')).toHaveLength(0);
    expect(noLoupeAttributes()).toEqual([]);
    // Apart from Loupe's own hosts (and the tile ids test builds mark), the page is as it was.
    expect(pageOnly(document.body).isEqualNode(pageBefore)).toBe(true);
    page.life.abort();
    expect(
      IDS.flatMap((id) => [...(tile(id).querySelector('loupe-tile-panel')?.shadowRoot?.querySelectorAll('.loupe-hl') ?? [])]),
    ).toHaveLength(0);
  });
});
