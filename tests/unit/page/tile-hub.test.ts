// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SubscriberOwner, TileHub } from '../../../lib/page/tiles/hub';
import { PageNotices } from '../../../lib/page/ui/notice';
import { showFixture } from '../site/fixture-dom';
import { type FakeWorker, fakeWorker, makeJob, settle } from './support';

const IDS = ['2024696422907076268', '2024696422907076269', '2024696422907076270'];

let worker: FakeWorker;
let life: AbortController;
let notices: PageNotices;
let url: URL;
let landmarks: Record<string, boolean>;

function hub(): TileHub {
  return new TileHub({
    signal: life.signal,
    send: worker.send,
    currentUrl: () => url,
    notices: () => notices,
    landmark: (name, matched) => {
      landmarks[name] = landmarks[name] === true || matched;
    },
    debounceMs: 10,
  });
}

function owner(id: string): SubscriberOwner & { controller: AbortController; failures: unknown[] } {
  const controller = new AbortController();
  const failures: unknown[] = [];
  return { id, signal: controller.signal, controller, failures, fail: (error) => failures.push(error) };
}

/** Appends a search-style tile the way infinite scroll does. */
function addTile(id: string): HTMLElement {
  const article = document.createElement('article');
  article.setAttribute('data-ev-job-uid', id);
  const link = document.createElement('a');
  link.setAttribute('data-test', 'job-tile-title-link');
  link.href = `/jobs/x_~02${id}/`;
  link.textContent = `Job ${id}`;
  article.append(link);
  document.querySelector('[data-test="job-tile-list"]')?.append(article);
  return article;
}

const panelOf = (tile: Element) => tile.querySelector('loupe-tile-panel');
const forTiles = () => worker.calls.filter((call) => call.type === 'jobs.forTiles');

beforeEach(() => {
  worker = fakeWorker();
  for (const id of [...IDS, '11', '12', '13']) worker.jobs.set(id, makeJob(id));
  life = new AbortController();
  notices = new PageNotices(life.signal);
  url = new URL('https://www.upwork.com/nx/search/jobs/?q=react&page=2');
  landmarks = {};
  showFixture('search.html');
});

afterEach(() => life.abort());

describe('TileHub', () => {
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
    expect(landmarks).toMatchObject({ jobTile: true, jobTileId: true });
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
    worker.failWith = 'signed-out';
    const tiles = hub();
    const errors: string[] = [];
    tiles.subscribe(owner('a'), { onError: (tile, error) => errors.push(`${tile.jobId}:${error.code}`) });
    tiles.subscribe(owner('b'), { onJob: () => {} });
    await settle();
    addTile('11');
    await settle(15);
    expect(document.querySelectorAll('loupe-notice')).toHaveLength(1);
    expect(document.querySelector('loupe-notice')?.shadowRoot?.textContent).toContain('Sign in to Loupe to see client stats');
    expect(errors).toEqual([...IDS, '11'].map((id) => `${id}:signed-out`));
  });

  it('asks once more when the worker cancelled the request while the page is still here', async () => {
    worker.failWith = 'cancelled';
    const send = worker.send;
    // The first answer is "cancelled", later ones are fine.
    worker.send = ((type: never, payload: never) =>
      send(type, payload).finally(() => {
        worker.failWith = null;
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
    worker.failWith = 'rate-limited';
    const tiles = hub();
    const outcomes: string[] = [];
    tiles.subscribe(owner('a'), {
      onJob: (tile, job) => outcomes.push(`job ${tile.jobId} ${job ? 'ok' : 'none'}`),
      onError: (tile, error) => {
        outcomes.push(`error ${tile.jobId} ${error.code}`);
        if (tile.jobId === IDS[0]) queueMicrotask(() => tile.retry());
      },
    });
    worker.failWith = 'rate-limited';
    await Promise.resolve();
    await settle();
    worker.failWith = null;
    await settle(15);
    expect(outcomes.slice(0, 3)).toEqual(IDS.map((id) => `error ${id} rate-limited`));
    expect(outcomes.at(-1)).toBe(`job ${IDS[0]} ok`);
  });

  it('lets other features add sections, badges and hide or dim tiles without more requests, and undoes it all when they stop', async () => {
    const tiles = hub();
    tiles.subscribe(owner('stats'), { onJob: (tile) => tile.section('stats', { order: 10 }).replaceChildren('stats') });
    const power = owner('power');
    tiles.subscribe(power, {
      onJob: (tile, job) => {
        tile.section('notes', { order: 5 }).replaceChildren('notes');
        tile.badge('score', `${job?.client.totalHires} hires`, { tone: 'good' });
        if (tile.jobId === IDS[1]) tile.setHidden(true);
        if (tile.jobId === IDS[2]) tile.setDimmed(true);
      },
    });
    await settle();
    expect(forTiles()).toHaveLength(1);
    const [first, second, third] = [...document.querySelectorAll('article')];
    const shadow = panelOf(first as Element)?.shadowRoot;
    expect([...(shadow?.querySelectorAll('[data-loupe-section]') ?? [])].map((s) => s.getAttribute('data-loupe-section'))).toEqual([
      'notes',
      'stats',
    ]);
    expect(shadow?.querySelector('[data-loupe-badge="score"]')?.textContent).toBe('15 hires');
    // Inline styles only: no attribute or stylesheet tells the page which tiles a feature judged, or why.
    expect((second as HTMLElement).style.getPropertyValue('display')).toBe('none');
    expect((third as HTMLElement).style.getPropertyValue('opacity')).toBe('0.4');
    expect(
      [second, third]
        .flatMap((tile) => tile?.getAttributeNames() ?? [])
        .filter((name) => name !== 'data-loupe-tile' && name.includes('loupe')),
    ).toEqual([]);
    expect(document.querySelector('style')).toBeNull();

    power.controller.abort();
    expect(shadow?.querySelector('[data-loupe-section="notes"]')).toBeNull();
    expect(shadow?.querySelector('[data-loupe-badge]')).toBeNull();
    expect(shadow?.querySelector('[data-loupe-section="stats"]')).not.toBeNull();
    expect(second?.hasAttribute('style')).toBe(false);
    expect(third?.hasAttribute('style')).toBe(false);
  });

  it('a late subscriber gets the tiles and jobs already known', async () => {
    const tiles = hub();
    tiles.subscribe(owner('first'), { onJob: () => {} });
    await settle();
    const replayed: string[] = [];
    tiles.subscribe(owner('late'), {
      onTile: (tile) => replayed.push(`tile ${tile.jobId}`),
      onJob: (tile) => replayed.push(`job ${tile.jobId}`),
    });
    expect(replayed).toEqual(IDS.flatMap((id) => [`tile ${id}`, `job ${id}`]));
    expect(forTiles()).toHaveLength(1);
  });

  it('a subscriber that throws is reported to its owner and does not break the others', async () => {
    const tiles = hub();
    const bad = owner('bad');
    const good: string[] = [];
    tiles.subscribe(bad, {
      onJob: () => {
        throw new Error('nope');
      },
    });
    tiles.subscribe(owner('good'), { onJob: (tile) => good.push(tile.jobId) });
    await settle();
    expect(bad.failures).toHaveLength(3);
    expect(good).toEqual(IDS);
  });

  it('hands subscribers the client basics the worker has for jobs without stats', async () => {
    worker.jobs.delete(IDS[2] as string);
    worker.partial.set(IDS[2] as string, { country: 'Nepal', city: null, timezone: 'Asia/Kathmandu', paymentVerified: true });
    const tiles = hub();
    const seen: string[] = [];
    tiles.subscribe(owner('a'), {
      onJob: (tile, job) => seen.push(`${tile.jobId}:${job ? 'stats' : (tile.clientBasics?.country ?? 'nothing')}`),
    });
    await settle();
    expect(seen).toEqual([`${IDS[0]}:stats`, `${IDS[1]}:stats`, `${IDS[2]}:Nepal`]);
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
    url = new URL('https://www.upwork.com/nx/find-work/best-matches');
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

  it('removes its marks and panels when the list goes away', async () => {
    const tiles = hub();
    tiles.subscribe(owner('a'), { onJob: (tile) => tile.section('s').replaceChildren('x') });
    await settle();
    expect(document.querySelectorAll('loupe-tile-panel')).toHaveLength(3);
    life.abort();
    expect(document.querySelectorAll('loupe-tile-panel, [data-loupe-tile], style[data-loupe-style]')).toHaveLength(0);
  });

  it('tells each tile its own fate: not listed, its lookup’s error, or held back by a 429 and asked again', async () => {
    const [listed, closed, failed] = IDS as [string, string, string];
    worker.jobs.set(listed, makeJob(listed));
    worker.jobs.delete(closed);
    worker.jobs.delete(failed);
    worker.notFound.add(closed);
    worker.tileErrors.set(failed, { code: 'upwork-error', message: 'Upwork could not run this search.' });
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
    worker.jobs.delete(first);
    worker.limited = { ids: [first], retryAt: Date.now() + 50 };
    const tiles = hub();
    const fates: string[] = [];
    tiles.subscribe(owner('a'), {
      onJob: (tile, job) => fates.push(`${tile.jobId}:${job ? 'job' : 'none'}`),
      onError: (tile, error) => fates.push(`${tile.jobId}:${error.message}`),
    });
    await settle();
    expect(fates).toContain(`${first}:Upwork is limiting requests; stats in a moment.`);
    worker.limited = null;
    worker.jobs.set(first, makeJob(first));
    await settle(400);
    expect(fates.at(-1)).toBe(`${first}:job`);
    expect(forTiles().at(-1)?.payload).toMatchObject({ ids: [first] });
  });

  it('gives a slot beside the title, inside the title heading, and takes it away with its owner', async () => {
    const tiles = hub();
    const a = owner('a');
    const b = owner('b');
    tiles.subscribe(a, { onJob: (tile) => tile.titleSlot('chip')?.replaceChildren('A') });
    tiles.subscribe(b, { onJob: (tile) => tile.titleSlot('first', { order: 1 })?.replaceChildren('B') });
    await settle();
    const tile = document.querySelector('article') as HTMLElement;
    const host = tile.querySelector('loupe-tile-title');
    // Right after the link, in the heading: the link itself (and the title text the page reads) is untouched.
    expect(host?.parentElement?.matches('h2.job-tile-title')).toBe(true);
    expect(host?.previousElementSibling?.getAttribute('data-test')).toBe('job-tile-title-link');
    expect(host?.shadowRoot?.querySelector('.loupe-root')?.textContent).toBe('BA');
    expect(panelOf(tile)).toBeNull();
    b.controller.abort();
    expect(host?.shadowRoot?.querySelector('.loupe-root')?.textContent).toBe('A');
    a.controller.abort();
    expect(tile.querySelector('loupe-tile-title')).toBeNull();
  });

  it('has no title slot for a tile whose title link is not in a heading: the feature falls back to a section', async () => {
    const tiles = hub();
    const slots: (HTMLElement | null)[] = [];
    tiles.subscribe(owner('a'), { onJob: (tile) => slots.push(tile.titleSlot('chip')) });
    await settle();
    const bare = addTile('11');
    await settle(15);
    expect(slots).toHaveLength(4);
    expect(slots.slice(0, 3).every((slot) => slot !== null)).toBe(true);
    expect(slots[3]).toBeNull();
    expect(bare.querySelector('loupe-tile-title')).toBeNull();
  });
});
