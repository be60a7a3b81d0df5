import { testMark } from '../../helpers/test-build';
import { createIsland, type Island } from '../ui/island';
import { insertInOrder } from '../ui/ordered';

/**
 * The one Loupe panel on a job tile: badges and ordered sections that any tile feature can fill.
 * Plain DOM in one shadow root per tile: fifty tiles must annotate in well under 100 ms, and a
 * React root per tile would cost more than it gives here.
 */

// One compact strip under the tile, not a stack of strips: the sections sit side by side and wrap,
// and only a note with text or an open editor takes a line of its own. The strip is positioned
// only while it holds a layer: a positioned box is a paint layer, and on a page of 1,000 tiles a
// paint layer per tile made every hit test (each pointer move and click) walk a thousand of them.
const panelCss = `
.loupe-root { margin-top: 8px; display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px;
  border-left: 3px solid var(--loupe-accent); background: var(--loupe-bg); border-radius: 0 4px 4px 0; padding: 3px 8px; }
.loupe-root:not(:has(.loupe-badge, .loupe-section)) { display: none; }
.loupe-root.loupe-layered { position: relative; }
.loupe-layer { position: absolute; left: 0; top: 0; width: 0; height: 0; pointer-events: none; }
.loupe-badges, .loupe-sections { display: contents; }
.loupe-badge { border-radius: 999px; padding: 0 7px; border: 1px solid var(--loupe-border); }
.loupe-badge[data-tone="good"] { color: var(--loupe-good); }
.loupe-badge[data-tone="warn"] { color: var(--loupe-warn); }
.loupe-badge[data-tone="bad"] { color: var(--loupe-bad); }
.loupe-badge[data-tone="info"] { color: var(--loupe-accent); }
.loupe-section { min-width: 0; }
.loupe-section[data-loupe-section="client-stats"] { flex: 1 1 24em; }
.loupe-section:has(.loupe-notes-line, .loupe-notes-form:not([hidden]), .loupe-notes-status:not(:empty)) { flex-basis: 100%; }
.loupe-section[data-loupe-section="notes"] { margin-left: auto; }
.loupe-stats { display: flex; flex-wrap: wrap; column-gap: 12px; row-gap: 2px; margin: 0; padding: 0; list-style: none; }
.loupe-stat-label { color: var(--loupe-muted); margin-right: 3px; }
.loupe-stat[data-tone="good"] .loupe-stat-value { color: var(--loupe-good); }
.loupe-stat[data-tone="warn"] .loupe-stat-value { color: var(--loupe-warn); }
.loupe-stat[data-tone="muted"] .loupe-stat-value { color: var(--loupe-muted); }
.loupe-quiet { color: var(--loupe-muted); }
.loupe-quiet button { margin-left: 6px; }
`;

export type BadgeTone = 'good' | 'warn' | 'bad' | 'info' | 'neutral';

export class TilePanel {
  private readonly island: Island;
  private readonly badgeRow: HTMLElement;
  private readonly sectionList: HTMLElement;
  private readonly sectionsById = new Map<string, { element: HTMLElement; order: number }>();
  private readonly layerStyles = new Map<string, HTMLStyleElement>();

  private readonly life = new AbortController();

  constructor(tile: Element, jobId: string, signal: AbortSignal) {
    signal.addEventListener('abort', () => this.life.abort(), { once: true });
    this.island = createIsland({
      name: 'tile-panel',
      signal: this.life.signal,
      css: panelCss,
      dataset: { loupeJob: jobId },
      // Still inside a tile that left the page: it comes back with the tile, if ever.
      place: (host) => {
        if (host.parentNode) return false;
        tile.append(host);
        return true;
      },
    });
    this.badgeRow = document.createElement('div');
    this.badgeRow.className = 'loupe-badges';
    this.sectionList = document.createElement('div');
    this.sectionList.className = 'loupe-sections';
    this.island.body.append(this.badgeRow, this.sectionList);
  }

  get host(): HTMLElement {
    return this.island.host;
  }

  /** The layer `id` (see TileHandle.layer), created on first use; removed with removeSection(`layer:${id}`). */
  layer(id: string, css: string): HTMLElement {
    const key = `layer:${id}`;
    const existing = this.sectionsById.get(key);
    if (existing) return existing.element;
    const element = document.createElement('div');
    element.className = 'loupe-layer';
    element.setAttribute('aria-hidden', 'true');
    const style = document.createElement('style');
    style.textContent = css;
    this.island.body.prepend(style, element);
    this.island.body.classList.add('loupe-layered');
    this.sectionsById.set(key, { element, order: -1 });
    this.layerStyles.set(key, style);
    return element;
  }

  /** The section `id`, created on first use and kept in `order` (lower first). */
  section(id: string, order = 100): HTMLElement {
    const existing = this.sectionsById.get(id);
    if (existing) return existing.element;
    const element = document.createElement('section');
    element.className = 'loupe-section';
    element.dataset.loupeSection = id;
    insertInOrder(this.sectionList, { element, order }, this.sectionsById.values());
    this.sectionsById.set(id, { element, order });
    return element;
  }

  removeSection(id: string): void {
    this.sectionsById.get(id)?.element.remove();
    this.sectionsById.delete(id);
    this.layerStyles.get(id)?.remove();
    this.layerStyles.delete(id);
    if (this.layerStyles.size === 0) this.island.body.classList.remove('loupe-layered');
  }

  /** Sets (or with `text` null, removes) the badge `id`. */
  badge(id: string, text: string | null, options: { tone?: BadgeTone; title?: string } = {}): void {
    let element = this.badgeRow.querySelector<HTMLElement>(`[data-loupe-badge="${CSS.escape(id)}"]`);
    if (text === null) {
      element?.remove();
      return;
    }
    if (!element) {
      element = document.createElement('span');
      element.className = 'loupe-badge';
      element.dataset.loupeBadge = id;
      this.badgeRow.append(element);
    }
    element.textContent = text;
    element.dataset.tone = options.tone ?? 'neutral';
    if (options.title) element.title = options.title;
    else element.removeAttribute('title');
  }

  /** No feature has anything in the panel any more. */
  get isEmpty(): boolean {
    return this.sectionsById.size === 0 && this.badgeRow.childElementCount === 0;
  }

  /** Takes the panel off the tile. */
  destroy(): void {
    this.life.abort();
  }

  setState(state: string): void {
    testMark(this.island.host, 'loupeState', state);
  }
}
