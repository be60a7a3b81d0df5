import { queryMatch } from '../../upwork/site/selectors';
import { createIsland, type Island } from '../ui/island';
import { insertInOrder } from '../ui/ordered';

/**
 * Small things that belong beside a tile's title (the job score chip): one island per tile, right
 * after the title link inside the title's heading, where each feature gets a slot of its own. The
 * island sits in the heading's line, so the host is inline and nothing in it may take more room
 * than a chip: anything larger (a breakdown, a menu) must float.
 */

const titleCss = `
:host { display: inline-block !important; vertical-align: middle !important; margin-inline-start: 8px !important; }
.loupe-root { display: inline-flex; align-items: center; gap: 4px; }
.loupe-title-slot { display: inline-block; }
`;

/** Headings a title link may sit in: real ones, and the data-test wrapper some builds use instead. */
const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"], [data-test="job-tile-title"]';

/** The tile's title link when it sits in a heading inside the tile; null on markup where the slot has no sure place. */
export function titleLinkOf(tile: Element): Element | null {
  const link = queryMatch(tile, 'jobTileTitleLink')?.element;
  const heading = link?.closest(HEADING);
  return link && heading && tile.contains(heading) ? link : null;
}

export class TileTitleSlots {
  private island: Island | undefined;
  /** Aborts to take the island off the page (when its last slot goes); the tile may get a new one later. */
  private shown: AbortController | undefined;
  private readonly slots = new Map<string, { element: HTMLElement; order: number }>();
  private readonly life = new AbortController();

  constructor(
    private readonly tile: Element,
    private readonly jobId: string,
    signal: AbortSignal,
  ) {
    signal.addEventListener('abort', () => this.destroy(), { once: true });
  }

  /** The slot `id` (lower `order` first), created on first use; null when the tile has no title to sit beside. */
  slot(id: string, order = 100): HTMLElement | null {
    const existing = this.slots.get(id);
    if (existing) return existing.element;
    const island = this.ensureIsland();
    if (!island) return null;
    const element = document.createElement('span');
    element.className = 'loupe-title-slot';
    element.dataset.loupeSlot = id;
    insertInOrder(island.body, { element, order }, this.slots.values());
    this.slots.set(id, { element, order });
    return element;
  }

  remove(id: string): void {
    this.slots.get(id)?.element.remove();
    this.slots.delete(id);
    if (this.slots.size === 0) this.dropIsland();
  }

  destroy(): void {
    this.slots.clear();
    this.dropIsland();
    this.life.abort();
  }

  private ensureIsland(): Island | undefined {
    if (this.island) return this.island;
    if (this.life.signal.aborted || !titleLinkOf(this.tile)) return undefined;
    const shown = new AbortController();
    this.island = createIsland({
      name: 'tile-title',
      signal: shown.signal,
      css: titleCss,
      dataset: { loupeJob: this.jobId },
      // The link is looked up again each time: a re-render may have replaced it.
      place: (host) => {
        const link = titleLinkOf(this.tile);
        if (!link) return false;
        link.after(host);
        return true;
      },
    });
    this.shown = shown;
    return this.island;
  }

  private dropIsland(): void {
    this.shown?.abort();
    this.shown = undefined;
    this.island = undefined;
  }
}
