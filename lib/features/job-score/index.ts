import { trusted } from '../../helpers/dom';
import { localOffsetMinutes } from '../../helpers/time';
import { defineTileFeature } from '../../page/feature';
import type { PowerState } from '../../page/settings';
import type { TileHandle } from '../../page/tiles/handle';
import { ensureStyle } from '../../page/ui/styles';
import { type JobScore, scoreJob } from '../../power/score';
import type { JobSummary } from '../../upwork/model';

/**
 * A 0–100 score on every job tile, from the weights the user set, as a chip beside the job's
 * title. The breakdown (every factor, its points and why) opens on hover or keyboard focus and
 * floats over the page: nothing about the number is hidden, and nothing moves.
 */

const SLOT = 'score';
const STYLE_ID = 'loupe-score-style';
const scoreCss = `
.loupe-score { display: inline-block; }
/* Positioned only while its breakdown shows: a positioned chip on every tile is a paint layer on every tile. */
.loupe-score:hover, .loupe-score:focus-within, .loupe-score[data-open="true"] { position: relative; }
.loupe-score-button { font-weight: 600; border-radius: 999px; padding: 0 8px; line-height: 18px; white-space: nowrap; }
.loupe-score-button[data-band="high"] { color: var(--loupe-good); border-color: currentColor; }
.loupe-score-button[data-band="low"] { color: var(--loupe-bad); border-color: currentColor; }
/* Floats over the page: opening it must not move what is under the pointer. */
.loupe-score-breakdown { display: none; position: absolute; left: 0; top: calc(100% + 4px); z-index: 100; width: max-content;
  max-width: min(560px, calc(50vw - 16px)); margin: 0; padding: 6px 8px; border: 1px solid var(--loupe-border); border-radius: 6px;
  background: var(--loupe-bg); color: var(--loupe-fg); box-shadow: 0 2px 8px rgb(0 0 0 / 0.15); list-style: none;
  font-weight: normal; text-align: start; }
/* Bridges the gap under the chip, so the pointer can move onto the list without closing it. */
.loupe-score-breakdown::before { content: ""; position: absolute; left: 0; right: 0; top: -6px; height: 6px; }
.loupe-score[data-align="end"] .loupe-score-breakdown { left: auto; right: 0; }
.loupe-score:hover .loupe-score-breakdown, .loupe-score:focus-within .loupe-score-breakdown,
.loupe-score[data-open="true"] .loupe-score-breakdown { display: grid; gap: 2px; }
.loupe-score-factor { display: grid; grid-template-columns: 150px 52px 1fr; gap: 6px; }
.loupe-score-points { font-variant-numeric: tabular-nums; }
.loupe-score-why { color: var(--loupe-muted); }
`;

export function scoreBand(total: number): 'high' | 'mid' | 'low' {
  return total >= 70 ? 'high' : total < 40 ? 'low' : 'mid';
}

/** One line per factor, for screen readers and the tooltip. */
export function breakdownText(score: JobScore): string {
  return score.factors.map((factor) => `${factor.label}: ${factor.points} of ${factor.max} — ${factor.explanation}`).join('\n');
}

/**
 * Which edge of the chip the breakdown hangs from: a chip in the right half of the window opens
 * leftwards, so the list never runs past the window's edge (which would add a scrollbar).
 */
export function breakdownAlign(chipLeft: number, chipRight: number, viewportWidth: number): 'start' | 'end' {
  return (chipLeft + chipRight) / 2 > viewportWidth / 2 ? 'end' : 'start';
}

/** Beside the tile's title when it can be found, else in the tile's panel. */
function container(tile: TileHandle): HTMLElement {
  const chip = tile.titleSlot(SLOT);
  if (chip) {
    tile.removeSection(SLOT);
    return chip;
  }
  return tile.section(SLOT, { order: 5 });
}

function render(tile: TileHandle, score: JobScore): void {
  if (score.factors.length === 0) {
    tile.removeTitleSlot(SLOT);
    tile.removeSection(SLOT);
    return;
  }
  const target = container(tile);
  ensureStyle(target, STYLE_ID, scoreCss);
  target.dataset.score = String(score.total);
  const wrapper = document.createElement('div');
  wrapper.className = 'loupe-score';
  const listId = `loupe-score-${tile.jobId}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'loupe-score-button';
  button.dataset.band = scoreBand(score.total);
  button.textContent = `Score ${score.total}/100`;
  button.setAttribute('aria-expanded', 'false');
  button.title = breakdownText(score);
  const setOpen = (open: boolean) => {
    wrapper.dataset.open = String(open);
    button.setAttribute('aria-expanded', String(open));
  };
  // The breakdown is built as it first opens: fifty tiles' hidden lists were a fifth of the page's first drawing.
  let built = false;
  const prepare = () => {
    if (!built) {
      built = true;
      wrapper.append(breakdownList(score, listId));
      button.setAttribute('aria-controls', listId);
    }
    // Placed as it opens (hover, focus or click), before it is painted.
    const box = button.getBoundingClientRect();
    wrapper.dataset.align = breakdownAlign(box.left, box.right, document.documentElement.clientWidth);
  };
  wrapper.addEventListener('pointerenter', prepare);
  wrapper.addEventListener('focusin', prepare);
  // Click pins the breakdown open (touch screens have no hover); Escape closes it again.
  button.addEventListener(
    'click',
    trusted(() => {
      prepare();
      setOpen(wrapper.dataset.open !== 'true');
    }),
  );
  wrapper.addEventListener(
    'keydown',
    trusted((event: KeyboardEvent) => {
      if (event.key === 'Escape' && wrapper.dataset.open === 'true') setOpen(false);
    }),
  );
  wrapper.append(button);
  target.replaceChildren(wrapper);
}

/** Every factor, its points and why. */
function breakdownList(score: JobScore, id: string): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'loupe-score-breakdown';
  list.id = id;
  list.setAttribute('aria-label', `How the score of ${score.total} is made`);
  for (const factor of score.factors) {
    const item = document.createElement('li');
    item.className = 'loupe-score-factor';
    item.dataset.factor = factor.id;
    const label = document.createElement('span');
    label.textContent = factor.label;
    const points = document.createElement('span');
    points.className = 'loupe-score-points';
    points.textContent = `${factor.points}/${factor.max}`;
    const why = document.createElement('span');
    why.className = 'loupe-score-why';
    why.textContent = factor.explanation;
    item.append(label, points, why);
    list.append(item);
  }
  return list;
}

export default defineTileFeature({
  id: 'job-score',
  section: 'score',
  title: 'Job score',
  description: 'A 0–100 score on each job from the factors you weigh, with its full breakdown on hover or focus.',
  async init(ctx) {
    const known = new Map<TileHandle, JobSummary>();
    const score = (state: PowerState, job: JobSummary) =>
      scoreJob(job, state.settings.score, { userUtcOffsetMinutes: localOffsetMinutes(ctx.now()), now: ctx.now() });
    let state = await ctx.settings.load((next) => {
      state = next;
      for (const [tile, job] of known) render(tile, score(state, job));
    });
    ctx.tiles.subscribe(ctx, {
      onJob(tile, job) {
        if (!job) return;
        if (!known.has(tile)) tile.signal.addEventListener('abort', () => known.delete(tile), { once: true });
        known.set(tile, job);
        render(tile, score(state, job));
      },
    });
  },
});
