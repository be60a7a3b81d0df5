import { describe, expect, it } from 'vitest';
import type { CacheKey, ResponseCache } from '../../../lib/background/cache';
import type { RequestQueue } from '../../../lib/background/queue/types';
import { createTileStats, LOOKUP_KIND, parseLookupGroup } from '../../../lib/background/tile-stats';
import { ApiError } from '../../../lib/upwork/api/errors';
import { lookupExpression } from '../../../lib/upwork/api/lookup';
import { MAX_LOOKUPS_PER_REQUEST } from '../../../lib/upwork/api/operations';
import type { JobSummary } from '../../../lib/upwork/model';
import { makeJob } from '../page/support';

/**
 * Precise lookups: tiles the mirrored search missed are found by a search for their title words,
 * many to one request, matched by job id. The index below behaves like a full-text index: a
 * search returns the newest jobs holding every one of its words.
 */

function job(id: string, title: string): JobSummary {
  return { ...makeJob(id), title };
}

function fullTextIndex(jobs: JobSummary[]) {
  const words = (text: string) =>
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  return (expression: string): JobSummary[] => {
    const wanted = words(expression);
    return jobs.filter((candidate) => wanted.every((word) => words(candidate.title).includes(word))).slice(0, 10);
  };
}

/** A queue that runs each group at once and records what one request would carry. */
function fakeQueue(search: (expression: string) => JobSummary[] | Error) {
  const requests: string[][] = [];
  const queue = {
    async enqueue<T>(kind: string, key: string): Promise<T> {
      expect(kind).toBe(LOOKUP_KIND);
      const group = parseLookupGroup(key);
      requests.push(group);
      return new Map(group.map((expression) => [expression, search(expression)])) as T;
    },
    status: () => ({ slowedUntil: null }),
  } as unknown as RequestQueue;
  return { queue, requests };
}

function memoryCache(): ResponseCache {
  const entries = new Map<string, unknown>();
  const keyOf = (key: CacheKey) => JSON.stringify(key);
  return {
    async peek(key: CacheKey) {
      return entries.has(keyOf(key)) ? { value: entries.get(keyOf(key)), fresh: true } : undefined;
    },
    async set(key: CacheKey, value: unknown) {
      entries.set(keyOf(key), value);
    },
    noteRevalidationFailure() {},
  } as unknown as ResponseCache;
}

function wire(jobs: JobSummary[], search?: (expression: string) => JobSummary[] | Error) {
  const { queue, requests } = fakeQueue(search ?? fullTextIndex(jobs));
  const tiles = createTileStats({
    cache: memoryCache(),
    freshForMs: 60_000,
    keyFor: (accountKey, operation, variables) => ({ accountKey, operation, variables }),
    requireAccount: async () => 'acct',
    queueFor: () => queue,
    search: async () => ({ jobs: [], totalCount: 0, hasNextPage: false, endCursor: null, skipped: [] }),
    jobDetail: async () => null,
  });
  return { tiles, requests };
}

describe('lookupExpression', () => {
  it.each([
    ['Senior React Developer', 'Senior React Developer'],
    ['Need a "Logo" (urgent!) for my bakery', 'Need a Logo urgent for my bakery'],
    ['Logo AND website OR app NOT wix', 'Logo website app wix'],
    ['ロゴ デザイン — Japanese café', 'ロゴ デザイン Japanese café'],
    ['Shopify shopify SHOPIFY store', 'Shopify store'],
    ['!!! ??? ---', null],
  ])('%s', (title, expression) => {
    expect(lookupExpression(title)).toBe(expression);
  });

  it('keeps at most 12 words', () => {
    expect(lookupExpression('one two three four five six seven eight nine ten eleven twelve thirteen')?.split(' ')).toHaveLength(12);
  });
});

describe('precise lookups for tiles', () => {
  it('finds two tiles with the same title with one search, each by its own id', async () => {
    const jobs = [job('1', 'Build a Shopify store'), job('2', 'Build a Shopify store'), job('3', 'Shopify store theme')];
    const { tiles, requests } = wire(jobs);
    const result = await tiles.jobsForTiles({ ids: ['2', '1'], titles: { 1: 'Build a Shopify store', 2: 'Build a Shopify store' } });
    expect(result.jobs.map((found) => found.id)).toEqual(['2', '1']);
    expect(result.missing).toEqual([]);
    expect(requests).toEqual([['Build a Shopify store']]);
  });

  it('finds titles with quotes and non-Latin text', async () => {
    const jobs = [
      job('10', 'Need a "Logo" (urgent!) for my bakery'),
      job('11', 'ロゴ デザイン — Japanese café'),
      job('12', 'Разработка сайта на React'),
    ];
    const { tiles } = wire(jobs);
    const titles = Object.fromEntries(jobs.map((j) => [j.id, j.title]));
    const result = await tiles.jobsForTiles({ ids: ['10', '11', '12'], titles });
    expect(result.jobs.map((found) => found.id)).toEqual(['10', '11', '12']);
  });

  it('says plainly that a job found by neither the mirror nor its lookup is no longer listed', async () => {
    // Another job shares the closed one's title: the search answers, but not with this id.
    const jobs = [job('20', 'Data entry from PDFs')];
    const { tiles } = wire(jobs);
    const result = await tiles.jobsForTiles({ ids: ['20', '21'], titles: { 20: 'Data entry from PDFs', 21: 'Data entry from PDFs' } });
    expect(result.jobs.map((found) => found.id)).toEqual(['20']);
    expect(result.notFound).toEqual(['21']);
    expect(result.missing).toEqual(['21']);
  });

  it(`puts ${MAX_LOOKUPS_PER_REQUEST} searches in one request, in the order asked (visible tiles first)`, async () => {
    const jobs = Array.from({ length: 30 }, (_, i) => job(String(100 + i), `Project number ${i} alpha`));
    const { tiles, requests } = wire(jobs);
    const ids = jobs.map((j) => j.id).reverse();
    const result = await tiles.jobsForTiles({ ids, titles: Object.fromEntries(jobs.map((j) => [j.id, j.title])) });
    expect(result.jobs).toHaveLength(30);
    expect(requests.map((group) => group.length)).toEqual([MAX_LOOKUPS_PER_REQUEST, 30 - MAX_LOOKUPS_PER_REQUEST]);
    expect(requests[0]?.[0]).toBe('Project number 29 alpha');
    expect(tiles.counts()).toMatchObject({ lookups: 2, foundByLookup: 30 });
  });

  it('a lookup that fails fails its own tiles only, with why', async () => {
    const jobs = [job('30', 'Alpha task'), job('31', 'Beta task')];
    const index = fullTextIndex(jobs);
    const { tiles } = wire(jobs, (expression) =>
      expression.startsWith('Beta') ? new ApiError('upwork-error', 'Upwork could not run this search.') : index(expression),
    );
    const result = await tiles.jobsForTiles({ ids: ['30', '31'], titles: { 30: 'Alpha task', 31: 'Beta task' } });
    expect(result.jobs.map((found) => found.id)).toEqual(['30']);
    expect(Object.keys(result.errors)).toEqual(['31']);
    expect(result.errors['31']?.message).toBe('Upwork could not run this search.');
  });

  it('works with no title to look up: the tile is missing, not an error', async () => {
    const { tiles, requests } = wire([]);
    const result = await tiles.jobsForTiles({ ids: ['40'] });
    expect(result.missing).toEqual(['40']);
    expect(result.errors).toEqual({});
    expect(requests).toEqual([]);
  });
});
