// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { features } from '../../../lib/features/index';
import { defineFeature, type Feature } from '../../../lib/page/feature';
import { FeatureRunner } from '../../../lib/page/runner';
import type { HealthSnapshot } from '../../../lib/upwork/site/health';
import { isJobSearch } from '../../../lib/upwork/site/urls';
import { showFixture } from '../site/fixture-dom';
import { type FakeWorker, fakeWorker, makeDetail, makeJob, settle, textViews } from './support';

const SEARCH = new URL('https://www.upwork.com/nx/search/jobs/?q=react');
const SLIDER = new URL('https://www.upwork.com/nx/search/jobs/details/~022024696422907076268');
const DETAILS = new URL('https://www.upwork.com/jobs/Senior-React-Developer_~022024696422907076268/');
const IDS = ['2024696422907076268', '2024696422907076269', '2024696422907076270'];

// The page annotations under test; other features in the index have their own tests.
const ANNOTATIONS = features.filter((feature) =>
  ['job-tile-client-panel', 'job-detail-activity', 'freelancer-profile-stats'].includes(feature.id),
);

let worker: FakeWorker;
let reports: HealthSnapshot[];
let enabled: Record<string, boolean>;
let life: AbortController;

/** A landmark is waited for long enough that a busy machine never times it out by accident; the missing-landmark test shortens it. */
function runner(list: readonly Feature[] = ANNOTATIONS, landmarkTimeoutMs = 2_000): FeatureRunner {
  return new FeatureRunner({
    features: list,
    views: textViews(),
    send: worker.send,
    signal: life.signal,
    isEnabled: (id) => enabled[id] !== false,
    reportHealth: (snapshot) => reports.push(snapshot),
    landmarkTimeoutMs,
    healthDelayMs: 1,
  });
}

const panels = () => [...document.querySelectorAll('loupe-tile-panel')] as HTMLElement[];
const panelText = (panel: Element) => panel.shadowRoot?.textContent ?? '';

beforeEach(() => {
  worker = fakeWorker();
  for (const id of IDS) worker.jobs.set(id, makeJob(id));
  reports = [];
  enabled = {};
  life = new AbortController();
  showFixture('search.html');
});

afterEach(() => {
  life.abort();
});

describe('FeatureRunner', () => {
  it('runs the tile feature on search and annotates each tile once, with one message', async () => {
    const run = runner();
    run.navigate(SEARCH);
    await settle();
    expect(run.active).toEqual(['job-tile-client-panel']);
    expect(worker.calls).toMatchObject([{ type: 'jobs.forTiles', payload: { ids: IDS, query: { q: 'react', offset: 0, pageSize: 10 } } }]);
    expect(panels()).toHaveLength(3);
    for (const tile of document.querySelectorAll('article')) expect(tile.querySelectorAll('loupe-tile-panel')).toHaveLength(1);
    expect(document.documentElement.dataset.loupeTilesAnnotated).toBe('3');
    for (const panel of panels()) {
      expect(panel.dataset.loupeState).toBe('ready');
      expect(panelText(panel)).toContain('Spent$20,500');
      expect(panelText(panel)).toContain('Hire rate47%');
    }
    expect(document.documentElement.dataset.loupeFeatures).toBe('job-tile-client-panel');
  });

  it('tears features down on navigation: no panels or marks left on a job page', async () => {
    const run = runner();
    run.navigate(SEARCH);
    await settle();
    expect(panels()).toHaveLength(3);
    run.navigate(DETAILS);
    await vi.waitFor(() => expect(run.active).toEqual(['job-detail-activity']));
    expect(panels()).toHaveLength(0);
    expect(document.querySelectorAll('[data-loupe-tile]')).toHaveLength(0);
  });

  it('keeps the list and its panels when the slider opens over it, and starts the job activity', async () => {
    showFixture('search-slider.html');
    worker.details.set(IDS[0] as string, makeDetail(IDS[0] as string));
    const run = runner();
    run.navigate(SEARCH);
    await settle();
    const before = panels();
    expect(before).toHaveLength(1);
    run.navigate(SLIDER);
    await settle();
    expect(panels()).toEqual(before);
    expect(run.active.sort()).toEqual(['job-detail-activity', 'job-tile-client-panel']);
    const activity = document.querySelector('loupe-job-activity');
    expect(activity?.closest('.air3-slider-content')).not.toBeNull();
    expect(activity?.shadowRoot?.textContent).toContain('invitesSent: 4');
    // Closing the slider: its card goes, the list's panels stay.
    run.navigate(SEARCH);
    await settle();
    expect(document.querySelector('loupe-job-activity')).toBeNull();
    expect(panels()).toEqual(before);
    expect(worker.calls.filter((call) => call.type === 'jobs.forTiles')).toHaveLength(1);
  });

  it('switches off a feature that throws, for this page only, and reports it; the others keep running', async () => {
    const broken = defineFeature({
      id: 'broken',
      title: 'Broken',
      description: 'Throws.',
      section: 'pages',
      include: [isJobSearch],
      init() {
        throw new Error('kaboom');
      },
    });
    const warn = console.warn;
    console.warn = () => {};
    try {
      const run = runner([broken, ...ANNOTATIONS]);
      run.navigate(SEARCH);
      await settle();
      expect(run.active).toEqual(['job-tile-client-panel']);
      expect(panels()).toHaveLength(3);
      expect(document.documentElement.dataset.loupeFeaturesOff).toBe('broken');
      expect(reports.at(-1)?.disabledFeatures).toEqual(['broken']);
      expect(run.health?.disabledFeatures).toEqual([{ id: 'broken', reason: 'kaboom' }]);
    } finally {
      console.warn = warn;
    }
  });

  it('a missing landmark disables the feature that needs it and names the selectors', async () => {
    document.querySelector('[data-test="about-client-container"]')?.remove();
    showFixture('job-details.html');
    document.querySelector('[data-test="about-client-container"]')?.removeAttribute('data-test');
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (message: string) => warnings.push(message);
    try {
      const run = runner(ANNOTATIONS, 40);
      run.navigate(DETAILS);
      await vi.waitFor(() => expect(reports.at(-1)?.disabledFeatures).toEqual(['job-detail-activity']));
      expect(run.active).toEqual([]);
      const report = reports.at(-1);
      expect(report?.landmarks).toEqual({ aboutClient: false });
      expect(report?.disabledFeatures).toEqual(['job-detail-activity']);
      expect(report?.page).toBe('job-details');
      expect(warnings.join('\n')).toContain('[data-test="about-client-container"] | [data-test="AboutClientUser"]');
    } finally {
      console.warn = warn;
    }
  });

  it('stops a feature the user switches off, and starts it again when switched on', async () => {
    const run = runner();
    run.navigate(SEARCH);
    await settle();
    enabled['job-tile-client-panel'] = false;
    run.refresh();
    expect(run.active).toEqual([]);
    expect(panels()).toHaveLength(0);
    enabled['job-tile-client-panel'] = true;
    run.refresh();
    await settle();
    expect(panels()).toHaveLength(3);
  });

  it('restarts a page feature when its route changes (one job page to another)', async () => {
    showFixture('job-details.html');
    worker.details.set(IDS[0] as string, makeDetail(IDS[0] as string));
    worker.details.set(IDS[1] as string, makeDetail(IDS[1] as string, { activity: { ...makeDetail('1').activity, invitesSent: 9 } }));
    const run = runner();
    run.navigate(DETAILS);
    await settle();
    expect(document.querySelectorAll('loupe-job-activity')).toHaveLength(1);
    run.navigate(new URL('https://www.upwork.com/jobs/~022024696422907076269'));
    await settle();
    const cards = document.querySelectorAll('loupe-job-activity');
    expect(cards).toHaveLength(1);
    expect(cards[0]?.shadowRoot?.textContent).toContain('invitesSent: 9');
  });

  it('leaves nothing behind when the content script is invalidated', async () => {
    const run = runner();
    run.navigate(SEARCH);
    await settle();
    life.abort();
    expect(panels()).toHaveLength(0);
    expect(run.active).toEqual([]);
  });

  it('every feature in the index has a unique id, a title, a description and at least one page', () => {
    const ids = features.map((feature) => feature.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const feature of features) {
      expect(feature.id).toMatch(/^[a-z][a-z0-9-]{2,59}$/);
      expect(feature.title.length).toBeGreaterThan(3);
      expect(feature.description.length).toBeGreaterThan(10);
      expect(feature.include.length).toBeGreaterThan(0);
    }
  });
});
