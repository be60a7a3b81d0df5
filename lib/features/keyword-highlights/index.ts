import { h } from '../../helpers/dom';
import { defineTileFeature } from '../../page/feature';
import type { TileHandle } from '../../page/tiles/handle';
import { findHighlights, type HighlightRange } from '../../power/highlight';
import type { HighlightGroup } from '../../settings/schema';
import { query, queryAll } from '../../upwork/site/selectors';

/**
 * The user's keyword groups highlighted in job titles, descriptions and skills on job lists.
 *
 * The page's text is never touched: the highlights are boxes painted in the tile's own Loupe layer
 * (inside its closed shadow root), placed over the words from their Range rectangles. The page's
 * scripts can't see which words were matched, or that any were: no <mark>, no attribute, no entry
 * in the page's CSS.highlights registry (which the page shares). Boxes follow the text when the
 * tile's size changes (a resize, a re-wrap, the slider opening); they let every pointer event through.
 */

export const highlightCss = `
.loupe-hl { position: absolute; border-radius: 2px; mix-blend-mode: multiply; }
.loupe-root[data-theme="dark"] .loupe-hl { mix-blend-mode: screen; opacity: 0.6; }
.loupe-hl[data-color="yellow"] { background: rgb(255 235 59 / 0.55); }
.loupe-hl[data-color="green"] { background: rgb(76 175 80 / 0.35); }
.loupe-hl[data-color="blue"] { background: rgb(33 150 243 / 0.3); }
.loupe-hl[data-color="pink"] { background: rgb(233 30 99 / 0.25); }
.loupe-hl[data-color="orange"] { background: rgb(255 152 0 / 0.35); }
.loupe-hl[data-color="purple"] { background: rgb(156 39 176 / 0.25); }
`;

export interface Match {
  range: Range;
  highlight: HighlightRange;
}

/** Where the groups' keywords are in the text under `root`, as live Ranges. */
export function matchesIn(root: Element, groups: readonly HighlightGroup[]): Match[] {
  const matches: Match[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement?.closest('script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    for (const highlight of findHighlights(text.data, groups)) {
      const range = document.createRange();
      range.setStart(text, highlight.start);
      range.setEnd(text, highlight.end);
      matches.push({ range, highlight });
    }
  }
  return matches;
}

interface Box {
  color: string;
  group: string;
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where the boxes go, relative to `layer` (a zero-size, absolutely placed element). Reads layout only. */
export function measureMatches(layer: HTMLElement, matches: readonly Match[]): Box[] {
  const origin = layer.getBoundingClientRect();
  const boxes: Box[] = [];
  for (const { range, highlight } of matches) {
    for (const rect of range.getClientRects()) {
      if (rect.width === 0 || rect.height === 0) continue;
      const { color, groupId: group } = highlight;
      boxes.push({ color, group, left: rect.left - origin.left, top: rect.top - origin.top, width: rect.width, height: rect.height });
    }
  }
  return boxes;
}

/** Draws measured boxes. Writes only. */
export function drawBoxes(layer: HTMLElement, boxes: readonly Box[]): void {
  layer.replaceChildren(
    ...boxes.map((box) => {
      const element = h('div', { class: 'loupe-hl', data: { color: box.color, group: box.group } });
      element.style.cssText = `left:${box.left}px;top:${box.top}px;width:${box.width}px;height:${box.height}px`;
      return element;
    }),
  );
}

type Entry = { tile: TileHandle; matches: Match[] };

/** Paints many tiles with one layout: all layers first, then every measurement, then every box. */
function paintAll(entries: readonly Entry[]): void {
  const layers = entries.map((entry) => {
    if (entry.matches.length > 0) return entry.tile.layer('highlights', highlightCss);
    entry.tile.removeLayer('highlights');
    return null;
  });
  const measured = entries.map((entry, index) => {
    const layer = layers[index];
    return layer ? measureMatches(layer, entry.matches) : [];
  });
  layers.forEach((layer, index) => {
    if (layer) drawBoxes(layer, measured[index] ?? []);
  });
}

/** The parts of a tile worth highlighting: title, description, skills. */
function tileTargets(tile: Element): Element[] {
  const targets = [query(tile, 'jobTileTitleLink'), query(tile, 'tileDescription'), ...queryAll(tile, 'tileSkill')];
  return targets.filter((element): element is Element => element !== null);
}

export default defineTileFeature({
  id: 'keyword-highlights',
  section: 'highlights',
  title: 'Keyword highlights',
  description: 'Highlights your keyword groups, each in its colour, in job titles, descriptions and skills.',
  async init(ctx) {
    const tiles = new Map<Element, Entry>();
    const find = (tile: TileHandle): Entry => {
      // With nothing to look for, the tile's text is not walked at all.
      const active = groups.some((group) => group.enabled && group.terms.trim() !== '');
      const matches = active ? tileTargets(tile.element).flatMap((target) => matchesIn(target, groups)) : [];
      const entry = { tile, matches };
      tiles.set(tile.element, entry);
      return entry;
    };
    let groups = (
      await ctx.settings.load((state) => {
        groups = state.settings.highlights;
        paintAll([...tiles.values()].map(({ tile }) => find(tile)));
      })
    ).settings.highlights;
    // One observer for every tile. It reports each tile once after layout (so new tiles are painted
    // in one batch, not one layout each) and again whenever a tile's size changed (its text re-wrapped).
    const resized = new ResizeObserver((changes) => {
      paintAll(changes.flatMap(({ target }) => tiles.get(target) ?? []));
    });
    ctx.signal.addEventListener('abort', () => resized.disconnect(), { once: true });
    ctx.tiles.subscribe(ctx, {
      onTile(tile) {
        find(tile);
        resized.observe(tile.element);
        tile.signal.addEventListener(
          'abort',
          () => {
            resized.unobserve(tile.element);
            tiles.delete(tile.element);
          },
          { once: true },
        );
      },
    });
  },
});
