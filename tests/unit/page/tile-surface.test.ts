// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { settle } from './support';
import { addTile, at, forTiles, hub, IDS, owner, panelOf, withTileList } from './tile-list';

withTileList();

describe('TileHub: what it hands the features', () => {
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
    await settle();
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
    at.worker.jobs.delete(IDS[2] as string);
    at.worker.partial.set(IDS[2] as string, { country: 'Nepal', city: null, timezone: 'Asia/Kathmandu', paymentVerified: true });
    const tiles = hub();
    const seen: string[] = [];
    tiles.subscribe(owner('a'), {
      onJob: (tile, job) => seen.push(`${tile.jobId}:${job ? 'stats' : (tile.clientBasics?.country ?? 'nothing')}`),
    });
    await settle();
    expect(seen).toEqual([`${IDS[0]}:stats`, `${IDS[1]}:stats`, `${IDS[2]}:Nepal`]);
  });

  it('removes its marks and panels when the list goes away', async () => {
    const tiles = hub();
    tiles.subscribe(owner('a'), { onJob: (tile) => tile.section('s').replaceChildren('x') });
    await settle();
    expect(document.querySelectorAll('loupe-tile-panel')).toHaveLength(3);
    at.life.abort();
    expect(document.querySelectorAll('loupe-tile-panel, [data-loupe-tile], style[data-loupe-style]')).toHaveLength(0);
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
