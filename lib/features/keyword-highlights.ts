import { findHighlights, splitByHighlights } from '../power/highlight';
import type { HighlightGroup } from '../settings/schema';
import { query, queryAll } from '../upwork/site/selectors';
import { isFindWorkFeed, isJobSearch, isJobSlider } from '../upwork/site/urls';
import { loadPowerState } from './power-state';
import { defineFeature } from './registry';

/**
 * The user's keyword groups highlighted in job titles, descriptions and skills on job lists.
 * Text nodes are split around matches and the matches wrapped in <mark> elements made with DOM
 * calls (the text stays text). Every change is recorded and undone exactly — the original text
 * node goes back in place — when the feature stops or the groups change, so the page's own
 * framework finds its nodes where it left them.
 */

const MARK_STYLE = `
mark[data-loupe-mark] { color: inherit; border-radius: 2px; padding: 0 1px; }
mark[data-loupe-mark="yellow"] { background: rgb(255 235 59 / 0.55); }
mark[data-loupe-mark="green"] { background: rgb(76 175 80 / 0.35); }
mark[data-loupe-mark="blue"] { background: rgb(33 150 243 / 0.3); }
mark[data-loupe-mark="pink"] { background: rgb(233 30 99 / 0.25); }
mark[data-loupe-mark="orange"] { background: rgb(255 152 0 / 0.35); }
mark[data-loupe-mark="purple"] { background: rgb(156 39 176 / 0.25); }
`;

interface Change {
  original: Text;
  inserted: Node[];
}

/** Wraps matches in the text under `root`; returns how to undo it. Skips Loupe's own elements. */
export function highlightElement(root: Element, groups: readonly HighlightGroup[]): Change[] {
  const changes: Change[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => {
      const parent = node.parentElement;
      if (!parent || parent.closest('mark[data-loupe-mark], [data-loupe-island], script, style')) return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
  for (const text of texts) {
    const ranges = findHighlights(text.data, groups);
    if (ranges.length === 0) continue;
    const inserted: Node[] = [];
    for (const segment of splitByHighlights(text.data, ranges)) {
      if (segment.highlight) {
        const mark = document.createElement('mark');
        mark.dataset.loupeMark = segment.highlight.color;
        mark.dataset.loupeGroup = segment.highlight.groupId;
        mark.textContent = segment.text;
        inserted.push(mark);
      } else {
        inserted.push(document.createTextNode(segment.text));
      }
    }
    text.replaceWith(...inserted);
    changes.push({ original: text, inserted });
  }
  return changes;
}

/** Puts the original text nodes back where the marks are (if the page hasn't replaced them itself). */
export function undoHighlights(changes: readonly Change[]): void {
  for (const { original, inserted } of [...changes].reverse()) {
    const first = inserted[0];
    if (!first?.parentNode) continue;
    first.parentNode.insertBefore(original, first);
    for (const node of inserted) node.parentNode?.removeChild(node);
  }
}

/** The parts of a tile worth highlighting: title, description, skills. */
function tileTargets(tile: Element): Element[] {
  const targets = [query(tile, 'jobTileTitleLink'), query(tile, 'tileDescription'), ...queryAll(tile, 'tileSkill')];
  return targets.filter((element): element is Element => element !== null);
}

export default defineFeature({
  id: 'keyword-highlights',
  title: 'Keyword highlights',
  description: 'Highlights your keyword groups, each in its colour, in job titles, descriptions and skills.',
  include: [isJobSearch, isFindWorkFeed, isJobSlider],
  routeKey: () => 'job-tile-lists',
  async init(ctx) {
    const style = document.createElement('style');
    style.dataset.loupeStyle = 'highlights';
    style.textContent = MARK_STYLE;
    (document.head ?? document.documentElement).append(style);
    ctx.signal.addEventListener('abort', () => style.remove(), { once: true });

    const tiles = new Map<Element, Change[]>();
    const paint = (tile: Element, groups: readonly HighlightGroup[]) => {
      undoHighlights(tiles.get(tile) ?? []);
      tiles.set(
        tile,
        tileTargets(tile).flatMap((target) => highlightElement(target, groups)),
      );
    };
    let groups = (
      await loadPowerState(ctx.signal, (state) => {
        groups = state.settings.highlights;
        for (const tile of tiles.keys()) paint(tile, groups);
      })
    ).settings.highlights;
    ctx.signal.addEventListener(
      'abort',
      () => {
        for (const changes of tiles.values()) undoHighlights(changes);
        tiles.clear();
      },
      { once: true },
    );
    ctx.tiles.subscribe(ctx, {
      onTile(tile) {
        paint(tile.element, groups);
      },
    });
  },
});
