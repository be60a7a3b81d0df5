import { trusted } from '../helpers/dom';
import { localOffsetMinutes } from '../helpers/time';
import { type JobScore, scoreJob } from '../power/score';
import type { JobSummary } from '../upwork/model';
import { isFindWorkFeed, isJobSearch, isJobSlider } from '../upwork/site/urls';
import { loadPowerState, type PowerState } from './power-state';
import { defineFeature } from './registry';
import type { TileHandle } from './tiles/hub';

/**
 * A 0–100 score on every job tile, from the weights the user set. The breakdown (every factor,
 * its points and why) opens on hover or keyboard focus: nothing about the number is hidden.
 */

const SECTION = 'score';
const STYLE_ID = 'loupe-score-style';
const scoreCss = `
.loupe-score { position: relative; display: inline-block; }
.loupe-score-button { font-weight: 600; }
.loupe-score-button[data-band="high"] { color: var(--loupe-good); }
.loupe-score-button[data-band="low"] { color: var(--loupe-bad); }
/* Floats over the tile: opening it must not move what is under the pointer. */
.loupe-score-breakdown { display: none; position: absolute; left: 0; top: calc(100% + 4px); z-index: 10; width: max-content;
  max-width: min(560px, 90vw); margin: 0; padding: 6px 8px; border: 1px solid var(--loupe-border); border-radius: 6px;
  background: var(--loupe-bg); box-shadow: 0 2px 8px rgb(0 0 0 / 0.15); list-style: none; }
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

function ensureStyle(section: HTMLElement): void {
  const root = section.getRootNode();
  if (!(root instanceof ShadowRoot) || root.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = scoreCss;
  root.prepend(style);
}

function render(tile: TileHandle, score: JobScore): void {
  if (score.factors.length === 0) {
    tile.removeSection(SECTION);
    return;
  }
  const section = tile.section(SECTION, { order: 5 });
  ensureStyle(section);
  section.dataset.score = String(score.total);
  const wrapper = document.createElement('div');
  wrapper.className = 'loupe-score';
  const listId = `loupe-score-${tile.jobId}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'loupe-score-button';
  button.dataset.band = scoreBand(score.total);
  button.textContent = `Score ${score.total}/100`;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', listId);
  button.title = breakdownText(score);
  // Click pins the breakdown open (touch screens have no hover).
  button.addEventListener(
    'click',
    trusted(() => {
      const open = wrapper.dataset.open !== 'true';
      wrapper.dataset.open = String(open);
      button.setAttribute('aria-expanded', String(open));
    }),
  );
  const list = document.createElement('ul');
  list.className = 'loupe-score-breakdown';
  list.id = listId;
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
  wrapper.append(button, list);
  section.replaceChildren(wrapper);
}

export default defineFeature({
  id: 'job-score',
  title: 'Job score',
  description: 'A 0–100 score on each job from the factors you weigh, with its full breakdown on hover or focus.',
  include: [isJobSearch, isFindWorkFeed, isJobSlider],
  routeKey: () => 'job-tile-lists',
  async init(ctx) {
    const known = new Map<TileHandle, JobSummary>();
    const score = (state: PowerState, job: JobSummary) =>
      scoreJob(job, state.settings.score, { userUtcOffsetMinutes: localOffsetMinutes(ctx.now()), now: ctx.now() });
    let state = await loadPowerState(ctx, (next) => {
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
