import { trusted } from '../../helpers/dom';
import type { LoupeError } from '../../messaging/errors';
import { defineTileFeature } from '../../page/feature';
import type { TileHandle } from '../../page/tiles/handle';
import { type CardRow, clientStatRows, partialClientRows } from '../../present/client-rows';
import type { JobSummary } from '../../upwork/model';
import { query } from '../../upwork/site/selectors';
import { isJobTileList } from '../../upwork/site/urls';

/**
 * Client stats on every job tile: hires and hire rate, spend, rating, payment verification (where
 * the tile does not show it), where the client is and what time it is there, jobs posted, exact
 * proposals, whether you applied. The
 * average rate paid is not in the API subset Loupe reads, so it is left out rather than guessed.
 */

const SECTION = 'client-stats';

/** Writes rows as a list of label/value pairs (text only: values may come from Upwork). */
export function renderRows(container: HTMLElement, rows: CardRow[], label: string): void {
  const list = document.createElement('ul');
  list.className = 'loupe-stats';
  list.setAttribute('aria-label', label);
  for (const row of rows) {
    const item = document.createElement('li');
    item.className = 'loupe-stat';
    item.dataset.loupeStat = row.key;
    if (row.tone) item.dataset.tone = row.tone;
    if (row.title) item.title = row.title;
    if (row.label) {
      const name = document.createElement('span');
      name.className = 'loupe-stat-label';
      name.textContent = row.label;
      item.append(name);
    }
    const value = document.createElement('span');
    value.className = 'loupe-stat-value';
    value.textContent = row.value;
    item.append(value);
    list.append(item);
  }
  container.replaceChildren(list);
}

function renderQuiet(container: HTMLElement, text: string, role: 'status' | 'alert' | null, retry?: () => void): HTMLElement {
  const line = document.createElement('div');
  line.className = 'loupe-quiet';
  if (role) line.setAttribute('role', role);
  line.textContent = text;
  if (retry) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Retry';
    button.setAttribute('aria-label', 'Ask Loupe again for this client’s stats');
    button.addEventListener('click', trusted(retry), { once: true });
    line.append(button);
  }
  container.replaceChildren(line);
  return line;
}

/** Where Upwork's tile says the same thing as a row of Loupe's strip. */
const TILE_TWINS: Partial<Record<string, 'tileClientSpent' | 'tileClientFeedback' | 'tileClientCountry'>> = {
  spent: 'tileClientSpent',
  rating: 'tileClientFeedback',
  location: 'tileClientCountry',
};

const normalized = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * What Upwork's own tile already says is not said again: a tile that shows its payment line keeps
 * it, and a row whose very value the tile shows ("$0 spent", "No reviews yet", a country with no
 * city) goes; what the tile rounds or lacks stays (exact spend, review count, city, counts).
 */
export function notOnTile(tileElement: Element, rows: CardRow[]): CardRow[] {
  const paymentShown = query(tileElement, 'tilePaymentVerified') !== null;
  return rows.filter((row) => {
    if (row.key === 'payment') return !paymentShown;
    const twin = TILE_TWINS[row.key];
    const shown = twin ? query(tileElement, twin)?.textContent : null;
    if (!shown) return true;
    const text = normalized(shown);
    const value = normalized(row.value);
    return !(text === value || (value.length > 0 && text.split(/[\s,]+/).includes(value)));
  });
}

/** Said on a tile whose job Upwork's API search no longer lists. */
export const NOT_LISTED_TEXT = 'Upwork’s API no longer lists this job (closed or private), so it has no client stats for it.';

function showJob(tile: TileHandle, job: JobSummary | null, now: Date): void {
  const section = tile.section(SECTION, { order: 10 });
  section.dataset.state = job ? 'ready' : tile.notListed ? 'not-listed' : 'missing';
  if (!job) {
    const rows = tile.clientBasics ? notOnTile(tile.element, partialClientRows(tile.clientBasics, now)) : [];
    const why = tile.notListed ? NOT_LISTED_TEXT : 'no spend, hires or rating from the API for this job';
    if (rows.length > 0) {
      rows.push({ key: 'noStats', label: '', value: why, tone: 'muted' });
      renderRows(section, rows, 'Client details by Loupe');
    } else {
      renderQuiet(section, tile.notListed ? `Loupe: ${NOT_LISTED_TEXT}` : 'Loupe: no client stats for this job.', null);
    }
  } else {
    renderRows(section, notOnTile(tile.element, clientStatRows(job, now)), 'Client stats by Loupe');
  }
  tile.badge('applied', job?.applied ? 'Applied' : null, { tone: 'info', title: 'You already sent a proposal to this job' });
}

function showError(tile: TileHandle, error: LoupeError): void {
  if (error.code === 'signed-out') {
    // One line for the whole page says so (the hub shows it); no per-tile noise.
    tile.removeSection(SECTION);
    return;
  }
  const section = tile.section(SECTION, { order: 10 });
  if (error.code === 'rate-limited') {
    // The hub asks again by itself once the queue sends again.
    section.dataset.state = 'limited';
    renderQuiet(section, `Loupe: ${error.message}`, 'status');
    return;
  }
  section.dataset.state = 'error';
  renderQuiet(section, `Loupe: ${error.message}`, null, () => tile.retry()).title = error.message;
}

export default defineTileFeature({
  id: 'job-tile-client-panel',
  section: 'pages',
  title: 'Client stats on job tiles',
  description: 'Hires, hire rate, spend, rating, payment verification, local time and proposals on search results and find-work feeds.',
  async init(ctx) {
    ctx.tiles.subscribe(ctx, {
      onTile(tile) {
        if (tile.job !== undefined) return;
        const section = tile.section(SECTION, { order: 10 });
        section.dataset.state = 'loading';
        renderQuiet(section, 'Loading client stats…', 'status');
      },
      onJob: (tile, job) => showJob(tile, job, ctx.now()),
      onError: showError,
    });
    // On lists, tiles are the point: no tile landmark at all means the markup changed, unless
    // the list itself is there and simply empty (a search with no results).
    if (isJobTileList(ctx.url)) {
      await ctx.waitFor('jobTile').catch((error: unknown) => {
        if (!query(document, 'tileList')) throw error;
      });
    }
  },
});
