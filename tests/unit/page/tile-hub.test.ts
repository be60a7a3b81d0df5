// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { showFixture } from '../site/fixture-dom';
import { makeJob, settle } from './support';
import { addTile, at, forTiles, hub, IDS, owner, panelOf, withTileList } from './tile-list';

withTileList();

describe('TileHub: what it asks the worker', () => {
  it('batches tiles added by infinite scroll into one more message and annotates each once', async () => {
    const tiles = hub();
    const seen: string[] = [];
    const jobs: string[] = [];
    tiles.subscribe(owner('a'), { onTile: (tile) => seen.push(tile.jobId), onJob: (tile, job) => jobs.push(`${tile.jobId}:${job?.id}`) });
    await settle();
    expect(forTiles()).toHaveLength(1);
    // Each tile's title goes along, for the precise lookup of tiles the mirrored search misses.
    expect(forTiles()[0]?.payload).toEqual({
      ids: IDS,
      query: { q: 'react', offset: 10, pageSize: 10 },
      titles: {
        '2024696422907076268': 'Senior React Developer',
        '2024696422907076269': 'Fix <b>bold</b> & <img src=x onerror=alert(1)> tags',
        '2024696422907076270': 'Logo for a bakery',
      },
    });
    addTile('11');
    addTile('12');
    await Promise.resolve();
    addTile('13');
    await settle(15);
    expect(forTiles()).toHaveLength(2);
    // The appended tiles sit after the first three: the mirrored search starts there.
    expect(forTiles()[1]?.payload).toMatchObject({ ids: ['11', '12', '13'], query: { q: 'react', offset: 13, pageSize: 10 } });
    expect(seen).toEqual([...IDS, '11', '12', '13']);
    expect(jobs).toEqual([...IDS, '11', '12', '13'].map((id) => `${id}:${id}`));
    expect(tiles.annotatedCount).toBe(6);
    expect(at.landmarks).toMatchObject({ jobTile: true, jobTileId: true });
  });

  it('prefetch asks for the tiles before any feature subscribes; a feature that comes later gets the answers without asking again', async () => {
    const tiles = hub();
    tiles.prefetch();
    await settle();
    expect(forTiles()).toHaveLength(1);
    expect(forTiles()[0]?.payload).toMatchObject({ ids: IDS });
    const jobs: string[] = [];
    tiles.subscribe(owner('a'), { onJob: (tile, job) => jobs.push(`${tile.jobId}:${job?.id}`) });
    await settle();
    expect(jobs).toEqual(IDS.map((id) => `${id}:${id}`));
    expect(forTiles()).toHaveLength(1);
    expect(tiles.annotatedCount).toBe(3);
  });

  it('a tile the page adds later gets its panel once, with its answer; a slow answer shows "loading" first', async () => {
    const gates: (() => void)[] = [];
    const send = at.worker.send;
    // The page's first batch is answered at once; each later one waits until the test opens it.
    at.worker.send = (async (type: string, payload: unknown) => {
      if (type === 'jobs.forTiles' && forTiles().length > 0) await new Promise<void>((open) => gates.push(open));
      return send(type as Parameters<typeof send>[0], payload as never);
    }) as typeof send;
    const tiles = hub();
    const drawn: string[] = [];
    tiles.subscribe(owner('a'), {
      onTile: (tile) => drawn.push(`${tile.jobId}:tile`),
      onJob: (tile, job) => {
        drawn.push(`${tile.jobId}:job`);
        tile.section('s').replaceChildren(job?.title ?? 'none');
      },
    });
    await settle();
    const quick = addTile('11');
    await settle(30);
    expect(panelOf(quick)).toBeNull();
    gates.shift()?.();
    await settle(10);
    expect(drawn.filter((entry) => entry.startsWith('11:'))).toEqual(['11:tile', '11:job']);
    expect(panelOf(quick)?.shadowRoot?.textContent).toContain('Job 11');

    const slow = addTile('12');
    await settle(30);
    expect(drawn.filter((entry) => entry.startsWith('12:'))).toEqual([]);
    await settle(320);
    expect(drawn.filter((entry) => entry.startsWith('12:'))).toEqual(['12:tile']);
    gates.shift()?.();
    await settle(10);
    expect(drawn.filter((entry) => entry.startsWith('12:'))).toEqual(['12:tile', '12:job']);
    expect(panelOf(slow)?.shadowRoot?.textContent).toContain('Job 12');
  });

  /** The page's first tiles, prefetched, then one feature; what it was told, in order. */
  function firstTiles(): string[] {
    const order: string[] = [];
    const tiles = hub();
    tiles.prefetch();
    tiles.subscribe(owner('a'), {
      onTile: (tile) => order.push(`${tile.jobId}:${tile.job === undefined ? 'loading' : 'known'}`),
      onJob: (tile) => order.push(`${tile.jobId}:job`),
    });
    return order;
  }

  it('the first tiles wait for a quick answer, so each is drawn once, with it', async () => {
    const told = firstTiles();
    await settle(10);
    expect(told).toEqual(IDS.flatMap((id) => [`${id}:known`, `${id}:job`]));
  });

  it('the first tiles show "loading" after a moment while their answer needs Upwork', async () => {
    let open: (() => void) | undefined;
    const send = at.worker.send;
    at.worker.send = (async (type: string, payload: unknown) => {
      if (type === 'jobs.forTiles') await new Promise<void>((resolve) => (open = resolve));
      return send(type as Parameters<typeof send>[0], payload as never);
    }) as typeof send;
    const told = firstTiles();
    await settle(10); // 30 ms
    expect(told).toEqual([]);
    await settle(15); // 75 ms
    expect(told).toEqual(IDS.map((id) => `${id}:loading`));
    open?.();
    await settle(10);
    expect(told).toEqual([...IDS.map((id) => `${id}:loading`), ...IDS.map((id) => `${id}:job`)]);
  });

  it('a tile replaced by a re-render gets a new panel from what is already known, without asking again', async () => {
    const tiles = hub();
    tiles.subscribe(owner('a'), { onJob: (tile, job) => tile.section('s').replaceChildren(job?.title ?? 'none') });
    await settle();
    const old = document.querySelector('article') as HTMLElement;
    const replacement = old.cloneNode(true) as HTMLElement;
    replacement.querySelector('loupe-tile-panel')?.remove();
    old.replaceWith(replacement);
    await settle();
    expect(replacement.querySelectorAll('loupe-tile-panel')).toHaveLength(1);
    expect(panelOf(replacement)?.shadowRoot?.textContent).toContain(`Job ${IDS[0]}`);
    expect(forTiles()).toHaveLength(1);
  });

  it('puts its panel back when a re-render drops it from a tile that stays', async () => {
    const tiles = hub();
    tiles.subscribe(owner('a'), { onJob: (tile) => tile.section('s').replaceChildren('stats') });
    await settle();
    const tile = document.querySelector('article') as HTMLElement;
    const panel = panelOf(tile);
    panel?.remove();
    await settle();
    expect(panelOf(tile)).toBe(panel);
  });

  it('signed out: one page line, however many tiles, and no per-tile error', async () => {
    at.worker.failWith = 'signed-out';
    const tiles = hub();
    const errors: string[] = [];
    const order: string[] = [];
    tiles.subscribe(owner('a'), {
      onTile: (tile) => order.push(`tile ${tile.jobId}`),
      onError: (tile, error) => {
        errors.push(`${tile.jobId}:${error.code}`);
        order.push(`error ${tile.jobId}`);
      },
    });
    tiles.subscribe(owner('b'), { onJob: () => {} });
    await settle();
    addTile('11');
    await settle(15);
    expect(document.querySelectorAll('loupe-notice')).toHaveLength(1);
    expect(document.querySelector('loupe-notice')?.shadowRoot?.textContent).toContain('Sign in to Loupe to see client stats');
    expect(errors).toEqual([...IDS, '11'].map((id) => `${id}:signed-out`));
    // A failure that came back before a tile was drawn reaches the feature after the tile, never before.
    for (const id of [...IDS, '11']) expect(order.indexOf(`tile ${id}`)).toBeLessThan(order.indexOf(`error ${id}`));
  });

  it('asks once more when the worker cancelled the request while the page is still here', async () => {
    at.worker.failWith = 'cancelled';
    const send = at.worker.send;
    // The first answer is "cancelled", later ones are fine.
    at.worker.send = ((type: never, payload: never) =>
      send(type, payload).finally(() => {
        at.worker.failWith = null;
      })) as unknown as typeof send;
    const tiles = hub();
    const outcomes: string[] = [];
    tiles.subscribe(owner('a'), {
      onJob: (tile) => outcomes.push(`job ${tile.jobId}`),
      onError: (tile, error) => outcomes.push(`error ${tile.jobId} ${error.code}`),
    });
    await settle(15);
    expect(forTiles()).toHaveLength(2);
    expect(outcomes).toEqual(IDS.map((id) => `job ${id}`));
  });

  it('an error can be retried per tile', async () => {
    at.worker.failWith = 'rate-limited';
    const tiles = hub();
    const outcomes: string[] = [];
    tiles.subscribe(owner('a'), {
      onJob: (tile, job) => outcomes.push(`job ${tile.jobId} ${job ? 'ok' : 'none'}`),
      onError: (tile, error) => {
        outcomes.push(`error ${tile.jobId} ${error.code}`);
        if (tile.jobId === IDS[0]) queueMicrotask(() => tile.retry());
      },
    });
    at.worker.failWith = 'rate-limited';
    await Promise.resolve();
    await settle();
    at.worker.failWith = null;
    await settle(15);
    expect(outcomes.slice(0, 3)).toEqual(IDS.map((id) => `error ${id} rate-limited`));
    expect(outcomes.at(-1)).toBe(`job ${IDS[0]} ok`);
  });

  it('sends at most 100 ids per message', async () => {
    const list = document.querySelector('[data-test="job-tile-list"]');
    list?.replaceChildren();
    for (let i = 0; i < 130; i++) addTile(String(1000 + i));
    const tiles = hub();
    tiles.subscribe(owner('a'), { onJob: () => {} });
    await settle();
    expect(forTiles().map((call) => (call.payload as { ids: string[] }).ids.length)).toEqual([100, 30]);
  });

  it('on a feed it sends no search query, and nested tile landmarks count once', async () => {
    showFixture('feed.html');
    at.url = new URL('https://www.upwork.com/nx/find-work/best-matches');
    const inner = document.createElement('div');
    inner.setAttribute('data-test', 'job-tile');
    document.querySelector('section[data-ev-opening_uid]')?.append(inner);
    const tiles = hub();
    const seen: string[] = [];
    tiles.subscribe(owner('a'), { onTile: (tile) => seen.push(tile.jobId), onJob: () => {} });
    await settle();
    expect(seen).toEqual(['1999888777666555444', '1999888777666555445']);
    expect(forTiles()[0]?.payload).toEqual({
      ids: ['1999888777666555444', '1999888777666555445'],
      titles: { '1999888777666555444': 'Python scraper', '1999888777666555445': 'Vue app' },
    });
  });

  it('tells each tile its own fate: not listed, its lookup’s error, or held back by a 429 and asked again', async () => {
    const [listed, closed, failed] = IDS as [string, string, string];
    at.worker.jobs.set(listed, makeJob(listed));
    at.worker.jobs.delete(closed);
    at.worker.jobs.delete(failed);
    at.worker.notFound.add(closed);
    at.worker.tileErrors.set(failed, { code: 'upwork-error', message: 'Upwork could not run this search.' });
    const tiles = hub();
    const fates: string[] = [];
    tiles.subscribe(owner('a'), {
      onJob: (tile, job) => fates.push(`${tile.jobId}:${job ? 'job' : tile.notListed ? 'not listed' : 'none'}`),
      onError: (tile, error) => fates.push(`${tile.jobId}:${error.code}:${error.message}`),
    });
    await settle();
    expect(fates.sort()).toEqual(
      [`${listed}:job`, `${closed}:not listed`, `${failed}:upwork-error:Upwork could not run this search.`].sort(),
    );
    expect(document.querySelectorAll('loupe-tile-panel').length).toBeLessThanOrEqual(3);
  });

  it('asks again by itself for tiles held back by a 429, once the queue sends again', async () => {
    const [first] = IDS as [string];
    at.worker.jobs.delete(first);
    at.worker.limited = { ids: [first], retryAt: Date.now() + 50 };
    const tiles = hub();
    const fates: string[] = [];
    tiles.subscribe(owner('a'), {
      onJob: (tile, job) => fates.push(`${tile.jobId}:${job ? 'job' : 'none'}`),
      onError: (tile, error) => fates.push(`${tile.jobId}:${error.message}`),
    });
    await settle();
    expect(fates).toContain(`${first}:Upwork is limiting requests; stats in a moment.`);
    at.worker.limited = null;
    at.worker.jobs.set(first, makeJob(first));
    await settle(400);
    expect(fates.at(-1)).toBe(`${first}:job`);
    expect(forTiles().at(-1)?.payload).toMatchObject({ ids: [first] });
  });
});
