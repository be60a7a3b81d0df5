import { h } from '../helpers/dom';
import { evaluateRules, type RuleVerdict } from '../power/rules';
import { PAGE_SAMPLE_DESCRIPTION_MAX, PAGE_SAMPLE_MAX_JOBS } from '../settings/limits';
import type { JobSummary } from '../upwork/model';
import { isFindWorkFeed, isJobSearch, isJobSlider } from '../upwork/site/urls';
import { loadPowerState, type PowerState } from './power-state';
import { defineFeature } from './registry';
import type { TileHandle } from './tiles/hub';
import { createIsland, placeBy } from './ui/island';

/**
 * The user's filter rules on job lists. A hidden job leaves a one-line stub in its place saying
 * which rule hid it; clicking "Show" brings the job back (dimmed, with "Hide again"). Dimmed jobs
 * get a badge naming the rule. Rules and the block list are re-applied live when they change.
 */

const stubCss = `
.loupe-stub { display: flex; gap: 8px; align-items: baseline; padding: 4px 10px; margin: 4px 0; border: 1px dashed var(--loupe-border);
  border-radius: 6px; color: var(--loupe-muted); background: var(--loupe-bg); }
.loupe-stub-text { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.loupe-stub-mark { font-weight: 600; color: var(--loupe-accent); margin-right: 4px; }
`;

const SAMPLE_DELAY_MS = 1_000;

/** "Client spent less than $1,000 (+2 more)": the first reason, and how many others agree. */
export function reasonLine(verdict: RuleVerdict): string {
  const [first, ...rest] = verdict.reasons;
  if (!first) return '';
  return rest.length === 0 ? first.text : `${first.text} (+${rest.length} more)`;
}

/** Every reason, one a line, for a tooltip. */
export function reasonList(verdict: RuleVerdict): string {
  return verdict.reasons.map((reason) => `${reason.action === 'hide' ? 'Hide' : 'Dim'}: ${reason.text}`).join('\n');
}

interface Stub {
  controller: AbortController;
  text: HTMLElement;
  button: HTMLButtonElement;
}

class TileFilter {
  private stub: Stub | undefined;
  private revealed = false;
  private verdict: RuleVerdict | undefined;

  constructor(private readonly tile: TileHandle) {
    tile.signal.addEventListener('abort', () => this.stub?.controller.abort(), { once: true });
  }

  apply(verdict: RuleVerdict): void {
    const { tile } = this;
    this.verdict = verdict;
    if (verdict.action !== 'hide') this.revealed = false;
    const hidden = verdict.action === 'hide' && !this.revealed;
    tile.setHidden(hidden);
    tile.setDimmed(verdict.action === 'dim' || (verdict.action === 'hide' && this.revealed));
    if (verdict.action === 'dim') tile.badge('rules', `Dimmed: ${reasonLine(verdict)}`, { tone: 'warn', title: reasonList(verdict) });
    else tile.badge('rules', null);
    if (verdict.action === 'hide') this.showStub(verdict);
    else this.removeStub();
  }

  private showStub(verdict: RuleVerdict): void {
    const stub = this.stub ?? this.createStub();
    stub.text.textContent = '';
    const mark = document.createElement('span');
    mark.className = 'loupe-stub-mark';
    mark.textContent = this.revealed ? 'Shown although:' : 'Hidden by Loupe:';
    stub.text.append(mark, document.createTextNode(` ${reasonLine(verdict)}`));
    stub.text.title = reasonList(verdict);
    stub.button.textContent = this.revealed ? 'Hide again' : 'Show';
    stub.button.setAttribute('aria-expanded', String(this.revealed));
  }

  private toggle(): void {
    if (!this.verdict || !this.stub) return;
    const { button } = this.stub;
    this.revealed = !this.revealed;
    this.apply(this.verdict);
    if (!this.revealed) button.focus();
  }

  private createStub(): Stub {
    const controller = new AbortController();
    const { element } = this.tile;
    const island = createIsland({
      name: 'filter-stub',
      signal: controller.signal,
      css: stubCss,
      dataset: { loupeStub: this.tile.jobId },
      place: placeBy(element),
    });
    const line = document.createElement('div');
    line.className = 'loupe-stub';
    line.setAttribute('role', 'note');
    const text = document.createElement('span');
    text.className = 'loupe-stub-text';
    const button = h('button', { type: 'button', on: { click: () => this.toggle() } });
    line.append(text, button);
    island.body.append(line);
    this.stub = { controller, text, button };
    return this.stub;
  }

  private removeStub(): void {
    this.stub?.controller.abort();
    this.stub = undefined;
  }
}

export default defineFeature({
  id: 'job-filters',
  title: 'Filter rules',
  description:
    'Hides or dims jobs that break your rules (minimum spend, rating, countries, keywords, blocked clients…), saying which rule.',
  include: [isJobSearch, isFindWorkFeed, isJobSlider],
  // Like the stats panel: the list outlives the slider opening over it.
  routeKey: () => 'job-tile-lists',
  async init(ctx) {
    const known = new Map<TileHandle, { job: JobSummary; filter: TileFilter }>();
    const judge = (state: PowerState, job: JobSummary) => evaluateRules(job, state.settings.rules, { blockList: state.blockList });
    let state = await loadPowerState(ctx, (next) => {
      state = next;
      for (const { job, filter } of known.values()) filter.apply(judge(state, job));
    });
    // The jobs of this list, for the rules editor's "would hide N of M" count (written after a quiet second).
    let sampleTimer: ReturnType<typeof setTimeout> | undefined;
    const publishSample = () => {
      sampleTimer = undefined;
      if (ctx.signal.aborted) return;
      const jobs = [...new Map([...known.values()].map(({ job }) => [job.id, job])).values()]
        .slice(0, PAGE_SAMPLE_MAX_JOBS)
        .map((job) => ({ ...job, description: job.description.slice(0, PAGE_SAMPLE_DESCRIPTION_MAX) }));
      const sample = { url: ctx.currentUrl().href.slice(0, 2_000), title: document.title.slice(0, 300), at: ctx.now().getTime(), jobs };
      ctx
        .send('power.pageSample', sample)
        .catch((error: unknown) => console.warn('[loupe] could not keep this list for the rules preview', error));
    };
    ctx.signal.addEventListener('abort', () => clearTimeout(sampleTimer), { once: true });
    ctx.tiles.subscribe(ctx, {
      onJob(tile, job) {
        // No data, no verdict: a job the API doesn't know is never hidden.
        if (!job) return;
        if (!known.has(tile)) tile.signal.addEventListener('abort', () => known.delete(tile), { once: true });
        const entry = known.get(tile) ?? { job, filter: new TileFilter(tile) };
        entry.job = job;
        known.set(tile, entry);
        entry.filter.apply(judge(state, job));
        clearTimeout(sampleTimer);
        sampleTimer = setTimeout(publishSample, SAMPLE_DELAY_MS);
      },
    });
  },
});
