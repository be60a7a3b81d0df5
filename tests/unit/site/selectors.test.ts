// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { tileJobId } from '../../../lib/page/tiles/hub';
import { anySelector, landmarks, matchingSelector, query, queryAll, queryMatch } from '../../../lib/upwork/site/selectors';
import { loadFixture } from './fixture-dom';

describe('landmarks on saved pages', () => {
  it.each([
    ['search.html', 'jobTile', 3, 'article[data-ev-job-uid]'],
    ['search.html', 'jobTileTitleLink', 3, '[data-test="job-tile-title-link"]'],
    ['search.html', 'tileList', 1, '[data-test="job-tile-list"]'],
    ['search.html', 'loadMore', 1, '[data-test="load-more"]'],
    ['search.html', 'tilePublishedDate', 2, '[data-test="job-pubilshed-date"]'],
    ['feed.html', 'jobTile', 2, 'section[data-ev-sublocation="job_feed_tile"]'],
    ['feed.html', 'jobTileTitleLink', 2, 'h3.job-tile-title a'],
    ['feed.html', 'tileList', 1, '[data-test="feed-jobs"]'],
    ['job-details.html', 'aboutClient', 1, '[data-test="about-client-container"]'],
    ['job-details.html', 'clientSpend', 1, '[data-qa="client-spend"]'],
    ['job-details.html', 'clientActivityItems', 3, '.client-activity-items .ca-item'],
    ['search-slider.html', 'sliderContent', 1, '.air3-slider-content'],
    ['search-slider.html', 'aboutClient', 1, '[data-test="about-client-container"]'],
    ['profile-vanity.html', 'profileMain', 1, 'main'],
    ['profile-vanity.html', 'canonicalUrl', 1, 'link[rel="canonical"]'],
  ] as const)('%s: %s finds %i via %s', (file, name, count, selector) => {
    const doc = loadFixture(file);
    expect(queryAll(doc, name)).toHaveLength(count);
    expect(queryMatch(doc, name)?.selector).toBe(selector);
  });

  it('finds nothing for landmarks a page does not have', () => {
    const doc = loadFixture('profile-vanity.html');
    expect(query(doc, 'jobTile')).toBeNull();
    expect(queryAll(doc, 'aboutClient')).toEqual([]);
  });

  it('reads every tile id on the search and feed fixtures', () => {
    const search = queryAll(loadFixture('search.html'), 'jobTile').map((tile) => tileJobId(tile).id);
    expect(search).toEqual(['2024696422907076268', '2024696422907076269', '2024696422907076270']);
    const feed = queryAll(loadFixture('feed.html'), 'jobTile').map((tile) => tileJobId(tile).id);
    expect(feed).toEqual(['1999888777666555444', '1999888777666555445']);
  });
});

describe('fallbacks when the newest selector is gone', () => {
  it('search tiles without data-ev-job-uid are still tiles, with ids from their title links', () => {
    const doc = loadFixture('search.html');
    for (const tile of doc.querySelectorAll('[data-ev-job-uid]')) tile.removeAttribute('data-ev-job-uid');
    const match = queryMatch(doc, 'jobTile');
    expect(match?.selector).toBe('[data-test="JobTile"]');
    const tiles = queryAll(doc, 'jobTile');
    expect(tiles).toHaveLength(3);
    expect(tiles.map((tile) => tileJobId(tile))).toEqual([
      { id: '2024696422907076268', via: '[data-test="job-tile-title-link"]' },
      { id: '2024696422907076269', via: '[data-test="job-tile-title-link"]' },
      { id: '2024696422907076270', via: '[data-test="job-tile-title-link"]' },
    ]);
  });

  it('and without the title link test id, the heading link carries the id', () => {
    const doc = loadFixture('search.html');
    for (const tile of doc.querySelectorAll('[data-ev-job-uid]')) tile.removeAttribute('data-ev-job-uid');
    for (const link of doc.querySelectorAll('[data-test="job-tile-title-link"]')) link.removeAttribute('data-test');
    const tile = queryAll(doc, 'jobTile')[0];
    expect(tile && tileJobId(tile)).toEqual({ id: '2024696422907076268', via: 'h2.job-tile-title a' });
  });

  it('feed tiles found by their opening uid alone', () => {
    const doc = loadFixture('feed.html');
    for (const tile of doc.querySelectorAll('[data-ev-sublocation]')) tile.removeAttribute('data-ev-sublocation');
    expect(queryMatch(doc, 'jobTile')?.selector).toBe('[data-ev-opening_uid]');
    expect(queryAll(doc, 'jobTile')).toHaveLength(2);
  });

  it('the old AboutClientUser test id still finds the client box', () => {
    const doc = loadFixture('job-details.html');
    const box = doc.querySelector('[data-test="about-client-container"]');
    box?.setAttribute('data-test', 'AboutClientUser');
    expect(queryMatch(doc, 'aboutClient')).toEqual({ element: box, selector: '[data-test="AboutClientUser"]' });
  });

  it('a landmark with every selector gone is null, not a wrong element', () => {
    const doc = loadFixture('job-details.html');
    doc.querySelector('[data-test="about-client-container"]')?.removeAttribute('data-test');
    expect(query(doc, 'aboutClient')).toBeNull();
  });

  it('fallbacks never mix: queryAll uses the first selector that matches', () => {
    const doc = loadFixture('search.html');
    // One tile loses its uid: the rest still match the newest selector, so that one is not picked up by a fallback.
    doc.querySelector('[data-ev-job-uid]')?.removeAttribute('data-ev-job-uid');
    expect(queryAll(doc, 'jobTile')).toHaveLength(2);
    // anySelector is for watching: it matches all three.
    expect(doc.querySelectorAll(anySelector('jobTile'))).toHaveLength(3);
  });

  it('matchingSelector names the selector an element satisfies', () => {
    const doc = loadFixture('feed.html');
    const tile = queryAll(doc, 'jobTile')[0];
    expect(tile && matchingSelector(tile, 'jobTile')).toBe('section[data-ev-sublocation="job_feed_tile"]');
  });

  it('every landmark lists at least one selector and every selector parses', () => {
    const doc = loadFixture('search.html');
    for (const [name, selectors] of Object.entries(landmarks)) {
      expect(selectors.length, name).toBeGreaterThan(0);
      for (const selector of selectors) expect(() => doc.querySelector(selector), selector).not.toThrow();
    }
  });
});
