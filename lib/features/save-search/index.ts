import { trusted } from '../../helpers/dom';
import { messageOf } from '../../helpers/format';
import type { AlertFiltersInput, SaveSearchRequest } from '../../messaging/messages/alerts';
import { defineFeature } from '../../page/feature';
import { createIsland, placeBy } from '../../page/ui/island';
import { isJobSearch } from '../../upwork/site/urls';

/**
 * "Alert me about new jobs like these" on a job search page: one click saves the page's
 * search (its words and the filters in its URL) as a Loupe saved search. The worker then checks
 * it through the official API at the interval the user picks; this page is never reloaded for it.
 */

type UrlLike = URL | string;

/** Upwork's search-page URL parameters that have an API filter. Others (sort, page, category…) are left out. */
function ranges(value: string | null): { start: number | null; end: number | null }[] {
  if (!value) return [];
  return value
    .split(',')
    .map((part) => part.trim().match(/^(\d+(?:\.\d+)?)?-(\d+(?:\.\d+)?)?$/))
    .filter((match): match is RegExpMatchArray => match !== null && (match[1] !== undefined || match[2] !== undefined))
    .map((match) => ({
      start: match[1] !== undefined ? Number(match[1]) : null,
      end: match[2] !== undefined ? Number(match[2]) : null,
    }));
}

/** The span covered by several ranges ("100-499,500-999" -> 100..999; an open end stays open). */
function span(list: { start: number | null; end: number | null }[]): { min: number | null; max: number | null } {
  if (list.length === 0) return { min: null, max: null };
  const starts = list.map((range) => range.start ?? 0);
  const min = Math.min(...starts);
  const max = list.some((range) => range.end === null) ? null : Math.max(...list.map((range) => range.end as number));
  return { min: min > 0 ? min : null, max };
}

function single<T>(values: string[], map: Record<string, T>): T | null {
  const mapped = [...new Set(values.map((value) => map[value.trim()]).filter((value): value is T => value !== undefined))];
  return mapped.length === 1 ? (mapped[0] as T) : null;
}

/**
 * The saved search a job search URL describes: `q`, plus `t` (0 hourly, 1 fixed price),
 * `contractor_tier` (1–3), `payment_verified=1`, `client_hires`, `amount`, `hourly_rate` and
 * `proposals` (ranges like "10-" or "100-499,500-999"), as upwork.com writes them.
 */
export function searchFromUrl(url: UrlLike): SaveSearchRequest & { query: string; filters: AlertFiltersInput } {
  const params = (typeof url === 'string' ? new URL(url, 'https://www.upwork.com') : url).searchParams;
  const query = (params.get('q') ?? '').replace(/\s+/g, ' ').trim().slice(0, 500);
  const filters: AlertFiltersInput = {};
  const jobType = single((params.get('t') ?? '').split(',').filter(Boolean), { '0': 'HOURLY', '1': 'FIXED' } as const);
  if (jobType) filters.jobType = jobType;
  const tier = single((params.get('contractor_tier') ?? '').split(',').filter(Boolean), {
    '1': 'ENTRY_LEVEL',
    '2': 'INTERMEDIATE',
    '3': 'EXPERT',
  } as const);
  if (tier) filters.experienceLevel = tier;
  if (params.get('payment_verified') === '1') filters.verifiedPaymentOnly = true;
  const hires = span(ranges(params.get('client_hires')));
  if (hires.min !== null) filters.minClientHires = Math.floor(hires.min);
  const budget = span(ranges(params.get('amount')));
  if (budget.min !== null) filters.budgetMin = budget.min;
  if (budget.max !== null) filters.budgetMax = budget.max;
  const hourly = span(ranges(params.get('hourly_rate')));
  if (hourly.min !== null) filters.hourlyMin = hourly.min;
  if (hourly.max !== null) filters.hourlyMax = hourly.max;
  const proposals = span(ranges(params.get('proposals')));
  if (proposals.max !== null) filters.maxProposals = Math.ceil(proposals.max);
  return { query, filters };
}

const css = `
.loupe-save-search { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 0 0 8px; padding: 4px 8px;
  border: 1px solid var(--loupe-border); border-radius: 6px; background: var(--loupe-bg); }
.loupe-save-search button { padding: 2px 8px; }
.loupe-save-search [role="status"] { color: var(--loupe-muted); }
`;

export default defineFeature({
  id: 'save-search',
  section: 'alerts',
  title: 'Job alerts from a search',
  description:
    'A button on job search pages that saves the search for job alerts: Loupe checks it through the official API at the interval you choose and notifies you of new jobs.',
  include: [isJobSearch],
  async init(ctx) {
    const request = searchFromUrl(ctx.url);
    const list = await ctx.waitFor('tileList');
    const island = createIsland({
      name: 'save-search',
      signal: ctx.signal,
      css,
      dataset: { loupeSaveSearch: request.query },
      place: placeBy(list),
    });
    const box = document.createElement('div');
    box.className = 'loupe-save-search';
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.loupeAction = 'save-search';
    button.textContent = request.query ? `Alert me about new “${request.query.slice(0, 60)}” jobs` : 'Alert me about new jobs like these';
    const status = document.createElement('span');
    status.setAttribute('role', 'status');
    box.append(button, status);
    island.body.append(box);

    button.addEventListener(
      'click',
      trusted(async () => {
        button.disabled = true;
        status.textContent = 'Saving…';
        try {
          const { search, created } = await ctx.send('alerts.saveSearch', request);
          if (ctx.signal.aborted) return;
          status.textContent = `${created ? 'Saved' : 'Already saved'}: Loupe checks “${search.name}” every ${search.intervalMinutes} minutes. Manage alerts from Loupe’s toolbar button.`;
          button.textContent = 'Alert saved';
        } catch (error) {
          if (ctx.signal.aborted) return;
          button.disabled = false;
          status.textContent = messageOf(error);
        }
      }),
      { signal: ctx.signal },
    );
  },
});
