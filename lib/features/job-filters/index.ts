import { h } from '../../helpers/dom';
import { plural } from '../../helpers/format';
import { defineTileFeature } from '../../page/feature';
import type { PowerState } from '../../page/settings';
import { onToggleHiddenJobs } from '../../page/tile-commands';
import type { TileHandle } from '../../page/tiles/handle';
import { createIsland, placeBy } from '../../page/ui/island';
import { ruleTitles } from '../../power/rule-titles';
import { evaluateRules, type RuleVerdict } from '../../power/rules';
import { PAGE_SAMPLE_DESCRIPTION_MAX, PAGE_SAMPLE_MAX_JOBS } from '../../settings/limits';
import type { RuleId } from '../../settings/schema';
import type { JobSummary } from '../../upwork/model';

/**
 * The user's filter rules on job lists. Hidden jobs collapse into one row above the list, "3 jobs
 * hidden by your rules", with how many each rule hid and one button to show them (the job-list
 * shortcut does the same). A job shown that way is dimmed, with a one-line stub naming the rule and
 * "Hide again". Dimmed jobs get a badge naming the rule. Rules and the block list are re-applied
 * live when they change.
 */

const rowCss = `
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

/** "Minimum client spend 2 · Blocked clients 1": how many hidden jobs each hiding rule caught, most first. */
export function hiddenByRule(verdicts: readonly RuleVerdict[]): string {
  const counts = new Map<RuleId, number>();
  for (const verdict of verdicts)
    for (const reason of verdict.reasons) if (reason.action === 'hide') counts.set(reason.ruleId, (counts.get(reason.ruleId) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([rule, count]) => `${ruleTitles[rule]} ${count}`)
    .join(' · ');
}

/** A one-line row in its own island: a text and a button. */
function lineIsland(name: string, dataset: Record<string, string>, place: (host: HTMLElement) => boolean, onClick: () => void) {
  const controller = new AbortController();
  const island = createIsland({ name, signal: controller.signal, css: rowCss, dataset, place });
  const text = h('span', { class: 'loupe-stub-text' });
  const button = h('button', { type: 'button', on: { click: onClick } });
  island.body.append(h('div', { class: 'loupe-stub', role: 'note' }, text, button));
  return { controller, text, button };
}

type Line = ReturnType<typeof lineIsland>;

function fill(line: Line, mark: string, text: string, title: string, action: string): void {
  line.text.replaceChildren(h('span', { class: 'loupe-stub-mark' }, mark), ` ${text}`);
  line.text.title = title;
  line.button.textContent = action;
}

class TileFilter {
  private stub: Line | undefined;
  revealed = false;
  verdict: RuleVerdict | undefined;

  constructor(
    readonly tile: TileHandle,
    private readonly changed: () => void,
  ) {
    tile.signal.addEventListener('abort', () => this.stub?.controller.abort(), { once: true });
  }

  get hidden(): boolean {
    return this.verdict?.action === 'hide' && !this.revealed;
  }

  apply(verdict: RuleVerdict): void {
    const { tile } = this;
    this.verdict = verdict;
    if (verdict.action !== 'hide') this.revealed = false;
    tile.setHidden(this.hidden);
    tile.setDimmed(verdict.action === 'dim' || (verdict.action === 'hide' && this.revealed));
    if (verdict.action === 'dim') tile.badge('rules', `Dimmed: ${reasonLine(verdict)}`, { tone: 'warn', title: reasonList(verdict) });
    else tile.badge('rules', null);
    // Only a job the user chose to see has a line of its own; hidden ones are counted in the list's row.
    if (verdict.action === 'hide' && this.revealed) {
      this.stub ??= lineIsland('filter-stub', { loupeStub: tile.jobId }, placeBy(tile.element), () => this.reveal(false));
      fill(this.stub, 'Shown although:', reasonLine(verdict), reasonList(verdict), 'Hide again');
    } else {
      this.stub?.controller.abort();
      this.stub = undefined;
    }
    this.changed();
  }

  reveal(revealed: boolean): void {
    if (!this.verdict || this.revealed === revealed) return;
    this.revealed = revealed;
    this.apply(this.verdict);
  }
}

/** The list's one row for its hidden jobs, above the first tile Loupe saw. */
class HiddenJobsRow {
  private line: Line | undefined;

  constructor(private readonly filters: () => TileFilter[]) {}

  /** Shows every hidden job, or hides again every job shown that way (the row's button and the shortcut). */
  toggle(): void {
    const all = this.filters();
    const show = all.some((filter) => filter.hidden);
    for (const filter of all) filter.reveal(show);
  }

  update(): void {
    const all = this.filters();
    const hidden = all.filter((filter) => filter.hidden);
    const shown = all.filter((filter) => filter.revealed);
    if (hidden.length === 0 && shown.length === 0) {
      this.line?.controller.abort();
      this.line = undefined;
      return;
    }
    if (!this.line) {
      // Above whichever of the list's tiles comes first on the page (tiles arrive in any order).
      const first = all
        .map((filter) => filter.tile.element)
        .filter((element) => element.isConnected)
        .reduce<Element | undefined>(
          (a, b) => (a && a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_PRECEDING ? b : (a ?? b)),
          undefined,
        );
      if (!first) return;
      this.line = lineIsland('hidden-jobs', {}, placeBy(first), () => this.toggle());
    }
    const verdicts = (hidden.length > 0 ? hidden : shown).flatMap((filter) => (filter.verdict ? [filter.verdict] : []));
    if (hidden.length > 0) fill(this.line, `${plural(hidden.length, 'job')} hidden by your rules:`, hiddenByRule(verdicts), '', 'Show');
    else
      fill(this.line, `${plural(shown.length, 'job')} shown although your rules hide them:`, hiddenByRule(verdicts), '', 'Hide them again');
    this.line.button.setAttribute('aria-expanded', String(hidden.length === 0));
  }

  destroy(): void {
    this.line?.controller.abort();
  }
}

export default defineTileFeature({
  id: 'job-filters',
  section: 'rules',
  title: 'Filter rules',
  description:
    'Hides or dims jobs that break your rules (minimum spend, rating, countries, keywords, blocked clients…), saying which rule.',
  async init(ctx) {
    const known = new Map<TileHandle, { job: JobSummary; filter: TileFilter }>();
    const row = new HiddenJobsRow(() => [...known.values()].map(({ filter }) => filter));
    // Many tiles change at once (a rule edited, a page of results): one row update for all of them.
    let rowQueued = false;
    const rowChanged = () => {
      if (rowQueued || ctx.signal.aborted) return;
      rowQueued = true;
      queueMicrotask(() => {
        rowQueued = false;
        if (!ctx.signal.aborted) row.update();
      });
    };
    ctx.signal.addEventListener('abort', () => row.destroy(), { once: true });
    onToggleHiddenJobs(() => row.toggle(), ctx.signal);
    const judge = (state: PowerState, job: JobSummary) => evaluateRules(job, state.settings.rules, { blockList: state.blockList });
    let state = await ctx.settings.load((next) => {
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
        if (!known.has(tile))
          tile.signal.addEventListener(
            'abort',
            () => {
              known.delete(tile);
              rowChanged();
            },
            { once: true },
          );
        const entry = known.get(tile) ?? { job, filter: new TileFilter(tile, rowChanged) };
        entry.job = job;
        known.set(tile, entry);
        entry.filter.apply(judge(state, job));
        clearTimeout(sampleTimer);
        sampleTimer = setTimeout(publishSample, SAMPLE_DELAY_MS);
      },
    });
  },
});
