/**
 * The power-tool features on a search page, as their tests (each in its feature's folder) share it: the
 * fixture page, a fake worker with three jobs, the runner, and what a user sees of a tile.
 */

import { afterEach, beforeEach, vi } from 'vitest';
import { features } from '../../../lib/features/index';
import { FeatureRunner } from '../../../lib/page/runner';
import type { ClientWithId } from '../../../lib/power/client-key';
import { defaultSettings, type Settings } from '../../../lib/settings/schema';
import { settingsDoc } from '../../../lib/settings/store';
import type { JobSummary } from '../../../lib/upwork/model';
import { showFixture } from '../site/fixture-dom';
import { type FakeWorker, fakeWorker, makeJob, settle, textViews } from './support';

export const SEARCH = new URL('https://www.upwork.com/nx/search/jobs/?q=react');
export const DETAILS = new URL('https://www.upwork.com/jobs/Senior-React-Developer_~022024696422907076268/');
export const IDS = ['2024696422907076268', '2024696422907076269', '2024696422907076270'] as const;

/** The power tools as the content script runs them (the notes' block button works through the filters). */
const POWER = ['job-filters', 'job-score', 'keyword-highlights', 'client-notes', 'job-page-notes', 'seen-markers', 'page-export'];

/** This test's fake worker and page lifetime, new for every test. */
export const page = { worker: undefined as unknown as FakeWorker, life: new AbortController() };

function withClient(job: JobSummary, clientId: string): JobSummary {
  (job.client as ClientWithId).companyUid = clientId;
  return job;
}

export function run(): FeatureRunner {
  const runner = new FeatureRunner({
    features: features.filter((feature) => POWER.includes(feature.id)),
    views: textViews(),
    send: page.worker.send,
    signal: page.life.signal,
    isEnabled: () => true,
    reportHealth: () => {},
    landmarkTimeoutMs: 40,
    healthDelayMs: 1,
  });
  return runner;
}

/** Runs the power tools on the search page and waits until they have painted it. */
export async function openSearch(): Promise<void> {
  run().navigate(SEARCH);
  await settle();
}

export async function saveSettings(change: (settings: Settings) => void): Promise<void> {
  const settings = defaultSettings();
  change(settings);
  await settingsDoc.write(settings);
}

export const tile = (id: string) => document.querySelector(`article[data-ev-job-uid="${id}"]`) as HTMLElement;
/** Hidden and dimmed are inline styles only: nothing on the tile says why. */
export const isHidden = (element: HTMLElement) => element.style.getPropertyValue('display') === 'none';
export const isDimmed = (element: HTMLElement) => element.style.getPropertyValue('opacity') === '0.4';
export const noLoupeAttributes = () =>
  [...document.querySelectorAll('*')]
    .flatMap((e) => e.getAttributeNames())
    .filter((n) => /loupe-(verdict|seen|hidden|dimmed|group|mark)/.test(n));
export const panelRoot = (id: string) => tile(id).querySelector('loupe-tile-panel')?.shadowRoot as ShadowRoot;
export const stubOf = (id: string) => document.querySelector(`loupe-filter-stub[data-loupe-stub="${id}"]`) as HTMLElement | null;

/** Lets tests decide when a tile has been on screen (happy-dom has no layout). */
export class FakeIntersectionObserver {
  static instances: FakeIntersectionObserver[] = [];
  readonly observed = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeIntersectionObserver.instances.push(this);
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.observed.clear();
  }
  show(element: Element) {
    if (!this.observed.has(element)) return;
    this.callback([{ target: element, isIntersecting: true } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
}

/** A search page with three jobs (two of client org-a, one of org-b) and the power tools' worker, for every test of the file. */
export function withPowerPage(): void {
  beforeEach(() => {
    const worker = fakeWorker();
    page.worker = worker;
    worker.jobs.set(IDS[0], withClient(makeJob(IDS[0], { title: 'Senior React Developer' }, { totalSpent: 20_500 }), 'org-a'));
    worker.jobs.set(IDS[1], withClient(makeJob(IDS[1], {}, { totalSpent: 0, totalHires: 0, hireRate: 0 }), 'org-b'));
    worker.jobs.set(IDS[2], withClient(makeJob(IDS[2], {}, { totalSpent: 5_000 }), 'org-a'));
    page.life = new AbortController();
    FakeIntersectionObserver.instances = [];
    vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
    showFixture('search.html');
  });

  afterEach(() => {
    page.life.abort();
    vi.unstubAllGlobals();
  });
}
