/**
 * One job list and its TileHub, as the hub's tests share it: what it fetches (tile-hub.test.ts)
 * and what it hands the features (tile-surface.test.ts).
 */
import { afterEach, beforeEach } from 'vitest';
import type { SubscriberOwner } from '../../../lib/page/tiles/handle';
import { TileHub } from '../../../lib/page/tiles/hub';
import { PageNotices } from '../../../lib/page/ui/notice';
import { showFixture } from '../site/fixture-dom';
import { type FakeWorker, fakeWorker, makeJob } from './support';

export const IDS = ['2024696422907076268', '2024696422907076269', '2024696422907076270'];

/** This test's fake worker, page lifetime, address and landmarks found, new for every test. */
export const at = {
  worker: undefined as unknown as FakeWorker,
  life: new AbortController(),
  notices: undefined as unknown as PageNotices,
  url: new URL('https://www.upwork.com/'),
  landmarks: {} as Record<string, boolean>,
};

export function hub(): TileHub {
  return new TileHub({
    signal: at.life.signal,
    send: at.worker.send,
    currentUrl: () => at.url,
    notices: () => at.notices,
    landmark: (name, matched) => {
      at.landmarks[name] = at.landmarks[name] === true || matched;
    },
    debounceMs: 10,
  });
}

export function owner(id: string): SubscriberOwner & { controller: AbortController; failures: unknown[] } {
  const controller = new AbortController();
  const failures: unknown[] = [];
  return { id, signal: controller.signal, controller, failures, fail: (error) => failures.push(error) };
}

/** Appends a search-style tile the way infinite scroll does. */
export function addTile(id: string): HTMLElement {
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

export const panelOf = (tile: Element) => tile.querySelector('loupe-tile-panel');
export const forTiles = () => at.worker.calls.filter((call) => call.type === 'jobs.forTiles');

/** A search page (page 2 of 'react') whose worker knows six jobs, for every test of the file. */
export function withTileList(): void {
  beforeEach(() => {
    at.worker = fakeWorker();
    for (const id of [...IDS, '11', '12', '13']) at.worker.jobs.set(id, makeJob(id));
    at.life = new AbortController();
    at.notices = new PageNotices(at.life.signal);
    at.url = new URL('https://www.upwork.com/nx/search/jobs/?q=react&page=2');
    at.landmarks = {};
    showFixture('search.html');
  });
  afterEach(() => at.life.abort());
}
