import { localOffsetMinutes } from '../helpers/time';
import { annotateJobs, exportFileName, jobsToCsv, jobsToJson } from '../power/export';
import type { JobSummary } from '../upwork/model';
import { query } from '../upwork/site/selectors';
import { isFindWorkFeed, isJobSearch, isJobSlider } from '../upwork/site/urls';
import { loadPowerState } from './power-state';
import { defineFeature, type FeatureContext } from './registry';
import { createIsland, placeBy } from './ui/island';

/**
 * "Export these jobs": the jobs on the list you are looking at, with their score, what your rules
 * say and your notes, as CSV (for a spreadsheet) or JSON. Only jobs already on the page: Loupe
 * never loads more pages of Upwork to export them.
 */

const css = `
.loupe-export { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0; color: var(--loupe-muted); }
.loupe-export-mark { font-weight: 600; color: var(--loupe-accent); }
`;

function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Above the list; where the list landmark is missing, above the first tile's container. */
async function anchorOf(ctx: FeatureContext): Promise<Element> {
  try {
    return await ctx.waitFor('tileList');
  } catch (error) {
    const tile = query(document, 'jobTile');
    if (tile?.parentElement) return tile.parentElement;
    throw error;
  }
}

export default defineFeature({
  id: 'page-export',
  title: 'Export jobs from a list',
  description: 'Downloads the jobs on the list you’re viewing, with scores, rule results and your notes, as CSV or JSON.',
  include: [isJobSearch, isFindWorkFeed, isJobSlider],
  routeKey: () => 'job-tile-lists',
  async init(ctx) {
    const jobs = new Map<string, JobSummary>();
    let state = await loadPowerState(ctx.signal, (next) => {
      state = next;
    });
    const anchor = await anchorOf(ctx);
    const island = createIsland({
      name: 'page-export',
      signal: ctx.signal,
      css,
      place: placeBy(anchor),
    });
    const bar = document.createElement('div');
    bar.className = 'loupe-export';
    const mark = document.createElement('span');
    mark.className = 'loupe-export-mark';
    mark.textContent = 'Loupe';
    const count = document.createElement('span');
    count.setAttribute('role', 'status');
    const inOrder = (): JobSummary[] =>
      [...document.querySelectorAll('[data-loupe-tile]')]
        .map((tile) => jobs.get(tile.getAttribute('data-loupe-tile') ?? ''))
        .filter((job, index, all): job is JobSummary => job !== undefined && all.indexOf(job) === index);
    const exportAs = (format: 'csv' | 'json') => {
      const now = ctx.now();
      const entries = annotateJobs(inOrder(), state, { userUtcOffsetMinutes: localOffsetMinutes(now), now });
      if (format === 'csv') download(jobsToCsv(entries), exportFileName('jobs', 'csv', now), 'text/csv;charset=utf-8');
      else download(jobsToJson(entries, now), exportFileName('jobs', 'json', now), 'application/json');
      count.textContent = `Exported ${entries.length} ${entries.length === 1 ? 'job' : 'jobs'}.`;
    };
    const csvButton = document.createElement('button');
    csvButton.type = 'button';
    csvButton.textContent = 'Export CSV';
    csvButton.addEventListener('click', () => exportAs('csv'));
    const jsonButton = document.createElement('button');
    jsonButton.type = 'button';
    jsonButton.textContent = 'Export JSON';
    jsonButton.addEventListener('click', () => exportAs('json'));
    const refresh = () => {
      count.textContent = `${jobs.size} ${jobs.size === 1 ? 'job' : 'jobs'} on this page`;
      csvButton.disabled = jobs.size === 0;
      jsonButton.disabled = jobs.size === 0;
    };
    bar.append(mark, count, csvButton, jsonButton);
    island.body.append(bar);
    refresh();
    ctx.tiles.subscribe(ctx, {
      onJob(_tile, job) {
        if (!job) return;
        jobs.set(job.id, job);
        refresh();
      },
    });
  },
});
