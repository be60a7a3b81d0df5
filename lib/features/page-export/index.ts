import { trusted } from '../../helpers/dom';
import { messageOf } from '../../helpers/format';
import { localOffsetMinutes } from '../../helpers/time';
import { defineTileFeature, type FeatureContext } from '../../page/feature';
import { createIsland, placeBy } from '../../page/ui/island';
import { annotateJobs, exportFileName, jobsToCsv, jobsToJson } from '../../power/export';
import type { JobSummary } from '../../upwork/model';
import { query } from '../../upwork/site/selectors';

/**
 * "Export these jobs": the jobs on the list you are looking at, with their score, what your rules
 * say and your notes, as CSV (for a spreadsheet) or JSON. Only jobs already on the page: Loupe
 * never loads more pages of Upwork to export them.
 */

const css = `
.loupe-export { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0; color: var(--loupe-muted); }
.loupe-export-mark { font-weight: 600; color: var(--loupe-accent); }
`;

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

export default defineTileFeature({
  id: 'page-export',
  section: 'pages',
  title: 'Export jobs from a list',
  description: 'Downloads the jobs on the list you’re viewing, with scores, rule results and your notes, as CSV or JSON.',
  async init(ctx) {
    // By tile: the export follows the order on screen (infinite scroll appends, re-renders move tiles).
    const jobs = new Map<Element, JobSummary>();
    let state = await ctx.settings.load((next) => {
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
    const inOrder = (): JobSummary[] => {
      const tiles = [...jobs.keys()].filter((tile) => tile.isConnected);
      tiles.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      return [...new Map(tiles.map((tile) => jobs.get(tile) as JobSummary).map((job) => [job.id, job])).values()];
    };
    const unique = () => new Set([...jobs.values()].map((job) => job.id)).size;
    // The worker saves the file (downloads API): a download link in the page would be readable by its scripts.
    const exportAs = async (format: 'csv' | 'json') => {
      const now = ctx.now();
      const entries = annotateJobs(inOrder(), state, { userUtcOffsetMinutes: localOffsetMinutes(now), now });
      const text = format === 'csv' ? jobsToCsv(entries) : jobsToJson(entries, now);
      try {
        await ctx.send('power.export', { fileName: exportFileName('jobs', format, now), text });
        count.textContent = `Exported ${entries.length} ${entries.length === 1 ? 'job' : 'jobs'}.`;
      } catch (error) {
        count.textContent = `Loupe could not save the export: ${messageOf(error)}`;
      }
    };
    const exportButton = (format: 'csv' | 'json') => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = `Export ${format.toUpperCase()}`;
      button.addEventListener(
        'click',
        trusted(() => void exportAs(format)),
      );
      return button;
    };
    const csvButton = exportButton('csv');
    const jsonButton = exportButton('json');
    const refresh = () => {
      const size = unique();
      count.textContent = `${size} ${size === 1 ? 'job' : 'jobs'} on this page`;
      csvButton.disabled = size === 0;
      jsonButton.disabled = size === 0;
    };
    bar.append(mark, count, csvButton, jsonButton);
    island.body.append(bar);
    refresh();
    ctx.tiles.subscribe(ctx, {
      onJob(tile, job) {
        if (!job) return;
        jobs.set(tile.element, job);
        tile.signal.addEventListener('abort', () => jobs.delete(tile.element), { once: true });
        refresh();
      },
    });
  },
});
