import { browser } from 'wxt/browser';
import type { AlertsStore } from '../../alerts/store';
import { LoupeError } from '../../messaging/errors';
import type { AlertFiltersInput, SavedSearchView, SaveSearchRequest, SearchStatus } from '../../messaging/messages/alerts';
import { SAVED_SEARCHES_MAX, type SavedSearch } from '../../settings/schema';
import { savedSearchesDoc } from '../../settings/store';
import { newSearchId, normalizeFilters, sameSearch, searchFromRequest, viewOf } from './filters';
import { alarmName, clampInterval } from './schedule';

/** Editing the saved searches: add (or switch back on), change and delete; each edit re-syncs the alarms. */

export interface UpdateRequest {
  id: string;
  name?: string;
  query?: string;
  filters?: AlertFiltersInput;
  intervalMinutes?: number;
  enabled?: boolean;
  muted?: boolean;
}

// Storage may hold more than the limit (kept, never cut: see parseStored); only the first ones run.
export const readSearches = async (): Promise<SavedSearch[]> => (await savedSearchesDoc.get()).searches.slice(0, SAVED_SEARCHES_MAX);

const gone = () => new LoupeError('bad-message', 'That saved search no longer exists. Reopen the list to see the current ones.');

export interface SearchEditsDeps {
  store: AlertsStore;
  now: () => number;
  random?: () => number;
  syncAlarms(): Promise<void>;
  statusOf(id: string): Promise<SearchStatus>;
}

export interface SearchEdits {
  saveSearch(request: SaveSearchRequest & { query: string }): Promise<{ search: SavedSearchView; created: boolean }>;
  updateSearch(request: UpdateRequest): Promise<SavedSearchView>;
  deleteSearch(id: string): Promise<void>;
}

export function createSearchEdits(deps: SearchEditsDeps): SearchEdits {
  const { store, now, syncAlarms, statusOf } = deps;

  async function findSearch(id: string): Promise<SavedSearch> {
    const search = (await readSearches()).find((candidate) => candidate.id === id);
    if (!search) throw gone();
    return search;
  }

  async function updateSaved(id: string, change: (search: SavedSearch) => SavedSearch): Promise<SavedSearch> {
    await findSearch(id);
    let updated: SavedSearch | undefined;
    await savedSearchesDoc.update((current) => ({
      searches: current.searches.map((search) => {
        if (search.id !== id) return search;
        updated = change(search);
        return updated;
      }),
    }));
    if (!updated) throw gone();
    return updated;
  }

  return {
    async saveSearch(request) {
      const filters = normalizeFilters(request.filters);
      const searches = await readSearches();
      const existing = searches.find((search) => sameSearch(search, { query: request.query, filters }));
      if (existing) {
        // Asking again for a search that is off means "I want these alerts": switch it back on.
        const search = existing.enabled ? existing : await updateSaved(existing.id, (current) => ({ ...current, enabled: true }));
        await syncAlarms();
        return { search: viewOf(search, await statusOf(search.id)), created: false };
      }
      if (searches.length >= SAVED_SEARCHES_MAX) {
        throw new LoupeError(
          'bad-message',
          `Loupe keeps at most ${SAVED_SEARCHES_MAX} saved searches. Delete one in Loupe’s options first.`,
        );
      }
      const search = searchFromRequest({ ...request, filters }, newSearchId(deps.random), now());
      await savedSearchesDoc.update((current) => ({ searches: [...current.searches, search] }));
      await syncAlarms();
      return { search: viewOf(search, undefined), created: true };
    },

    async updateSearch(request) {
      let renewed = false;
      const changed = await updateSaved(request.id, (current) => {
        const filters = request.filters ? normalizeFilters(request.filters, current.filters) : current.filters;
        const query = request.query ?? current.query;
        const next: SavedSearch = {
          ...current,
          name: request.name?.trim() ? request.name : current.name,
          query,
          filters,
          intervalMinutes: request.intervalMinutes !== undefined ? clampInterval(request.intervalMinutes) : current.intervalMinutes,
          enabled: request.enabled ?? current.enabled,
          muted: request.muted ?? current.muted,
        };
        // A different search is a new search: no backlog of older matches, counted from now.
        renewed = !sameSearch(current, next);
        if (renewed) next.createdAt = Math.floor(now());
        return next;
      });
      if (renewed) await store.update((_state, seen) => void delete seen.bySearch[changed.id]);
      await syncAlarms();
      return viewOf(changed, await statusOf(changed.id));
    },

    async deleteSearch(id) {
      await savedSearchesDoc.update((current) => ({ searches: current.searches.filter((search) => search.id !== id) }));
      await browser.alarms.clear(alarmName(id));
      await store.update((state, seen) => {
        delete state.status[id];
        delete seen.bySearch[id];
      });
      await syncAlarms();
    },
  };
}
