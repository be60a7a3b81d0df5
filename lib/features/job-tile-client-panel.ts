import { trusted } from '../helpers/dom';
import { formatCount, formatMoney, formatPercent, formatRating, plural } from '../helpers/format';
import { formatClock, formatOffset, resolveOffsetMinutes } from '../helpers/time';
import type { LoupeError } from '../messaging/errors';
import type { ClientStats, JobDetail, JobSummary } from '../upwork/model';
import { query } from '../upwork/site/selectors';
import { isFindWorkFeed, isJobSearch, isJobSlider, isJobTileList } from '../upwork/site/urls';
import { defineFeature } from './registry';
import type { TileHandle } from './tiles/hub';
import type { CardRow } from './views';

/**
 * Client stats on every job tile: hires and hire rate, spend, rating, payment verification, where
 * the client is and what time it is there, jobs posted, proposals, whether you applied. The
 * average rate paid is not in the API subset Loupe reads, so it is left out rather than guessed.
 */

const SECTION = 'client-stats';

/** The compact rows for a tile, in reading order. Values are display text (rendered as text). */
export function clientStatRows(job: JobSummary, now: Date): CardRow[] {
  const client = job.client;
  const rows: CardRow[] = [];
  rows.push(
    client.paymentVerified
      ? { key: 'payment', label: '', value: '✓ Payment verified', tone: 'good' }
      : { key: 'payment', label: '', value: 'Payment not verified', tone: 'warn' },
  );
  rows.push(
    client.rating !== null && client.totalReviews > 0
      ? {
          key: 'rating',
          label: '★',
          value: `${formatRating(client.rating)} (${plural(client.totalReviews, 'review')})`,
          title: `Average feedback ${formatRating(client.rating)} of 5 from ${plural(client.totalReviews, 'review')}`,
          tone: client.rating < 4 ? 'warn' : undefined,
        }
      : { key: 'rating', label: '★', value: 'No reviews yet', tone: 'muted' },
  );
  const spent = spentRow(client);
  if (spent) rows.push(spent);
  rows.push({ key: 'hires', label: 'Hires', value: formatCount(client.totalHires) });
  const ratio = hiresRow(client);
  if (ratio) rows.push(ratio);
  rows.push({ key: 'jobsPosted', label: 'Jobs posted', value: formatCount(client.totalPostedJobs) });
  rows.push(...whereRows(client.city, client.country, resolveOffsetMinutes(client.timezone, client.utcOffsetMinutes, now), now));
  if (job.totalApplicants !== null) rows.push({ key: 'proposals', label: 'Proposals', value: formatCount(job.totalApplicants) });
  return rows;
}

/** What is left to show when the API has no client stats for a job: its detail's client basics. */
export function partialClientRows(basics: JobDetail['client'], now: Date): CardRow[] {
  const rows: CardRow[] = [];
  if (basics.paymentVerified !== null) {
    rows.push(
      basics.paymentVerified
        ? { key: 'payment', label: '', value: '✓ Payment verified', tone: 'good' }
        : { key: 'payment', label: '', value: 'Payment not verified', tone: 'warn' },
    );
  }
  rows.push(...whereRows(basics.city, basics.country, resolveOffsetMinutes(basics.timezone, null, now), now));
  return rows;
}

/** The client's city and country, then their local time when Loupe knows their offset from UTC. */
function whereRows(city: string | null, country: string | null, offset: number | null, now: Date): CardRow[] {
  const rows: CardRow[] = [];
  const place = [city, country].filter(Boolean).join(', ');
  if (place) rows.push({ key: 'location', label: '', value: place });
  if (offset !== null) {
    rows.push({
      key: 'localTime',
      label: 'Local time',
      value: formatClock(now, offset),
      title: `The client's time now (${formatOffset(offset)})`,
    });
  }
  return rows;
}

/**
 * Hires ÷ jobs posted. The API counts freelancers hired, not jobs with a hire, so a client who
 * hires several people per job passes 100 %: that is no rate, and is shown as hires per job.
 */
export function hiresRow(client: Pick<ClientStats, 'totalHires' | 'totalPostedJobs'>): CardRow | null {
  if (client.totalPostedJobs <= 0) return null;
  const ratio = client.totalHires / client.totalPostedJobs;
  const title = `${plural(client.totalHires, 'hire')} from ${plural(client.totalPostedJobs, 'job')} posted`;
  if (ratio <= 1) return { key: 'hireRate', label: 'Hire rate', value: formatPercent(ratio), title };
  return { key: 'hiresPerJob', label: '', value: `${ratio.toFixed(2).replace(/\.?0+$/, '')} hires per job`, title };
}

function spentRow(client: ClientStats): CardRow | null {
  if (client.totalSpent !== null) {
    return { key: 'spent', label: 'Spent', value: formatMoney(client.totalSpent, client.currency) };
  }
  if (client.hasFinancialPrivacy) return { key: 'spent', label: 'Spent', value: 'hidden by the client', tone: 'muted' };
  return null;
}

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

/** Said on a tile whose job Upwork's API search no longer lists. */
export const NOT_LISTED_TEXT = 'Upwork’s API no longer lists this job (closed or private), so it has no client stats for it.';

function showJob(tile: TileHandle, job: JobSummary | null, now: Date): void {
  const section = tile.section(SECTION, { order: 10 });
  section.dataset.state = job ? 'ready' : tile.notListed ? 'not-listed' : 'missing';
  if (!job) {
    const rows = tile.clientBasics ? partialClientRows(tile.clientBasics, now) : [];
    const why = tile.notListed ? NOT_LISTED_TEXT : 'no spend, hires or rating from the API for this job';
    if (rows.length > 0) {
      rows.push({ key: 'noStats', label: '', value: why, tone: 'muted' });
      renderRows(section, rows, 'Client details by Loupe');
    } else {
      renderQuiet(section, tile.notListed ? `Loupe: ${NOT_LISTED_TEXT}` : 'Loupe: no client stats for this job.', null);
    }
  } else {
    renderRows(section, clientStatRows(job, now), 'Client stats by Loupe');
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

export default defineFeature({
  id: 'job-tile-client-panel',
  title: 'Client stats on job tiles',
  description: 'Hires, hire rate, spend, rating, payment verification, local time and proposals on search results and find-work feeds.',
  include: [isJobSearch, isFindWorkFeed, isJobSlider],
  // The list outlives the slider and in-list navigations: keep panels, annotate new tiles.
  routeKey: () => 'job-tile-lists',
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
