// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { powerFeatures } from '../../../lib/features/power-features';
import { FeatureRunner } from '../../../lib/page/runner';
import { runTileCommand } from '../../../lib/page/tile-commands';
import type { ClientWithId } from '../../../lib/power/client-key';
import { defaultSettings, type Settings } from '../../../lib/settings/schema';
import { blockListDoc, notesDoc, pageSampleDoc, seenJobsDoc, settingsDoc } from '../../../lib/settings/store';
import type { JobSummary } from '../../../lib/upwork/model';
import { type FakeWorker, fakeWorker, makeJob, settle, textViews, userClick, userSubmit } from '../features/support';
import { showFixture } from '../site/fixture-dom';

const SEARCH = new URL('https://www.upwork.com/nx/search/jobs/?q=react');
const DETAILS = new URL('https://www.upwork.com/jobs/Senior-React-Developer_~022024696422907076268/');
const IDS = ['2024696422907076268', '2024696422907076269', '2024696422907076270'] as const;

let worker: FakeWorker;
let life: AbortController;

function withClient(job: JobSummary, clientId: string): JobSummary {
  (job.client as ClientWithId).companyUid = clientId;
  return job;
}

function run(): FeatureRunner {
  const runner = new FeatureRunner({
    features: powerFeatures,
    views: textViews(),
    send: worker.send,
    signal: life.signal,
    isEnabled: () => true,
    reportHealth: () => {},
    landmarkTimeoutMs: 40,
    healthDelayMs: 1,
  });
  return runner;
}

async function saveSettings(change: (settings: Settings) => void): Promise<void> {
  const settings = defaultSettings();
  change(settings);
  await settingsDoc.write(settings);
}

const tile = (id: string) => document.querySelector(`article[data-ev-job-uid="${id}"]`) as HTMLElement;
/** Hidden and dimmed are inline styles only: nothing on the tile says why. */
const isHidden = (element: HTMLElement) => element.style.getPropertyValue('display') === 'none';
const isDimmed = (element: HTMLElement) => element.style.getPropertyValue('opacity') === '0.4';
const noLoupeAttributes = () =>
  [...document.querySelectorAll('*')]
    .flatMap((e) => e.getAttributeNames())
    .filter((n) => /loupe-(verdict|seen|hidden|dimmed|group|mark)/.test(n));
const panelRoot = (id: string) => tile(id).querySelector('loupe-tile-panel')?.shadowRoot as ShadowRoot;
const stubOf = (id: string) => document.querySelector(`loupe-filter-stub[data-loupe-stub="${id}"]`) as HTMLElement | null;

/** Lets tests decide when a tile has been on screen (happy-dom has no layout). */
class FakeIntersectionObserver {
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

beforeEach(() => {
  worker = fakeWorker();
  worker.jobs.set(IDS[0], withClient(makeJob(IDS[0], { title: 'Senior React Developer' }, { totalSpent: 20_500 }), 'org-a'));
  worker.jobs.set(IDS[1], withClient(makeJob(IDS[1], {}, { totalSpent: 0, totalHires: 0, hireRate: 0 }), 'org-b'));
  worker.jobs.set(IDS[2], withClient(makeJob(IDS[2], {}, { totalSpent: 5_000 }), 'org-a'));
  life = new AbortController();
  FakeIntersectionObserver.instances = [];
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  showFixture('search.html');
});

afterEach(() => {
  life.abort();
  vi.unstubAllGlobals();
});

describe('job filters on the page', () => {
  it('collapses hidden jobs into one row above the list; Show brings them back dimmed, each with Hide again', async () => {
    await saveSettings((s) => {
      s.rules.minClientSpend = { enabled: true, action: 'hide', amount: 1_000 };
    });
    run().navigate(SEARCH);
    await settle();
    expect(isHidden(tile(IDS[1]))).toBe(true);
    expect(isHidden(tile(IDS[0]))).toBe(false);
    expect(noLoupeAttributes()).toEqual([]);
    expect(stubOf(IDS[1])).toBeNull();
    const row = document.querySelector('loupe-hidden-jobs') as HTMLElement;
    expect(row.nextElementSibling).toBe(tile(IDS[0]));
    expect(row.shadowRoot?.textContent).toContain('1 job hidden by your rules: Minimum client spend 1');
    const button = () => row.shadowRoot?.querySelector('button') as HTMLButtonElement;
    // A script's click does nothing; a person's does.
    button().click();
    expect(isHidden(tile(IDS[1]))).toBe(true);
    userClick(button());
    await settle();
    expect(isHidden(tile(IDS[1]))).toBe(false);
    expect(isDimmed(tile(IDS[1]))).toBe(true);
    expect(row.shadowRoot?.textContent).toContain('1 job shown although your rules hide them');
    const stub = stubOf(IDS[1]);
    expect(stub?.nextElementSibling).toBe(tile(IDS[1]));
    expect(stub?.shadowRoot?.textContent).toContain('Shown although: Client spent less than $1,000 ($0 so far)');
    userClick(stub?.shadowRoot?.querySelector('button') as HTMLButtonElement);
    await settle();
    expect(isHidden(tile(IDS[1]))).toBe(true);
    expect(stubOf(IDS[1])).toBeNull();
    expect(row.shadowRoot?.textContent).toContain('1 job hidden by your rules');
  });

  it('the show/hide shortcut flips every hidden job at once', async () => {
    await saveSettings((s) => {
      s.rules.minClientSpend = { enabled: true, action: 'hide', amount: 1_000 };
    });
    run().navigate(SEARCH);
    await settle();
    runTileCommand('toggle-hidden-jobs');
    await settle();
    expect(isHidden(tile(IDS[1]))).toBe(false);
    runTileCommand('toggle-hidden-jobs');
    await settle();
    expect(isHidden(tile(IDS[1]))).toBe(true);
  });

  it('re-applies live when the rules change, and dims with a badge', async () => {
    run().navigate(SEARCH);
    await settle();
    expect(IDS.filter((id) => isHidden(tile(id)))).toHaveLength(0);
    await saveSettings((s) => {
      s.rules.maxProposals = { enabled: true, action: 'dim', max: 5 };
    });
    await settle();
    for (const id of IDS) expect(isDimmed(tile(id))).toBe(true);
    expect(noLoupeAttributes()).toEqual([]);
    expect(panelRoot(IDS[0]).querySelector('[data-loupe-badge="rules"]')?.textContent).toBe('Dimmed: 12 proposals already, more than 5');
  });

  it('keeps the list’s jobs for the rules editor’s count, once the list is quiet', async () => {
    run().navigate(SEARCH);
    await settle();
    expect(await pageSampleDoc.get()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const sample = await pageSampleDoc.get();
    expect(sample?.url).toBe(SEARCH.href);
    expect(sample?.jobs.map((job) => job.id)).toEqual([...IDS]);
  });

  it('leaves nothing behind when stopped', async () => {
    await saveSettings((s) => {
      s.rules.minClientSpend = { enabled: true, action: 'hide', amount: 1_000 };
    });
    run().navigate(SEARCH);
    await settle();
    life.abort();
    expect(document.querySelectorAll('loupe-filter-stub, loupe-hidden-jobs, mark')).toHaveLength(0);
    expect(IDS.filter((id) => isHidden(tile(id)) || tile(id).getAttribute('style'))).toEqual([]);
  });
});

describe('job score on the page', () => {
  it('shows the score beside the title with a breakdown that adds up', async () => {
    run().navigate(SEARCH);
    await settle();
    const chip = tile(IDS[0]).querySelector('.job-tile-title loupe-tile-title');
    expect(panelRoot(IDS[0]).querySelector('[data-loupe-section="score"]')).toBeNull();
    const section = chip?.shadowRoot?.querySelector('[data-loupe-slot="score"]') as HTMLElement;
    const total = Number(section.dataset.score);
    expect(section.querySelector('button')?.textContent).toBe(`Score ${total}/100`);
    const factors = [...section.querySelectorAll('[data-factor]')];
    expect(factors).toHaveLength(8);
    const sum = factors.reduce((acc, item) => acc + Number(item.querySelector('.loupe-score-points')?.textContent?.split('/')[0]), 0);
    expect(sum).toBe(total);
    const button = section.querySelector('button') as HTMLButtonElement;
    button.click();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    userClick(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
  });

  it('falls back to the tile’s panel when the title is not in a heading', async () => {
    const heading = tile(IDS[0]).querySelector('.job-tile-title') as HTMLElement;
    const plain = document.createElement('div');
    plain.append(...heading.childNodes);
    heading.replaceWith(plain);
    run().navigate(SEARCH);
    await settle();
    expect(tile(IDS[0]).querySelector('loupe-tile-title')).toBeNull();
    const section = panelRoot(IDS[0]).querySelector('[data-loupe-section="score"]') as HTMLElement;
    expect(section.querySelector('button')?.textContent).toBe(`Score ${section.dataset.score}/100`);
    expect(tile(IDS[1]).querySelector('.job-tile-title loupe-tile-title')).not.toBeNull();
  });
});

describe('keyword highlights on the page', () => {
  it('paints the keywords inside Loupe’s own roots and leaves the page’s text alone', async () => {
    // happy-dom has no layout: every range gets one box, and the observer reports each tile once, as Chromium's does.
    vi.spyOn(Range.prototype, 'getClientRects').mockImplementation(
      () => [{ left: 10, top: 20, width: 30, height: 12 }] as unknown as DOMRectList,
    );
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(private readonly callback: ResizeObserverCallback) {}
        observe(target: Element) {
          queueMicrotask(() => this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver));
        }
        unobserve() {}
        disconnect() {}
      },
    );
    await saveSettings((s) => {
      s.highlights = [{ id: 'g1', name: 'Stack', color: 'green', terms: 'react "dashboard"', enabled: true }];
    });
    const title = tile(IDS[0]).querySelector('[data-test="job-tile-title-link"]') as HTMLElement;
    const originalNode = title.firstChild;
    const pageBefore = document.body.innerHTML;
    run().navigate(SEARCH);
    await settle();
    const boxes = IDS.flatMap((id) => [...panelRoot(id).querySelectorAll('.loupe-layer .loupe-hl')]);
    expect(boxes.map((box) => (box as HTMLElement).dataset.color)).toEqual(['green', 'green', 'green']);
    // The page's own text: the same node, no <mark>, no attribute naming a keyword or a group.
    expect(title.firstChild).toBe(originalNode);
    expect(title.childNodes).toHaveLength(1);
    expect(document.querySelectorAll('mark')).toHaveLength(0);
    expect(noLoupeAttributes()).toEqual([]);
    // Apart from Loupe's own hosts (and the tile ids test builds mark), the page is as it was.
    const pageOnly = (html: string) => html.replace(/<loupe-[\s\S]*?<\/loupe-[a-z-]+>/g, '').replace(/ data-loupe-tile="\d+"/g, '');
    expect(pageOnly(document.body.innerHTML)).toBe(pageOnly(pageBefore));
    life.abort();
    expect(
      IDS.flatMap((id) => [...(tile(id).querySelector('loupe-tile-panel')?.shadowRoot?.querySelectorAll('.loupe-hl') ?? [])]),
    ).toHaveLength(0);
  });
});

describe('notes and blocking on the page', () => {
  it('saves a client note that shows on every job of that client', async () => {
    run().navigate(SEARCH);
    await settle();
    const root = panelRoot(IDS[0]);
    // On a tile the actions sit behind one button until the user opens it.
    const menu = root.querySelector('.loupe-notes-menu') as HTMLButtonElement;
    const actions = root.querySelector('.loupe-notes-actions') as HTMLElement;
    expect(actions.hidden).toBe(true);
    menu.click();
    expect(actions.hidden).toBe(true);
    userClick(menu);
    expect(actions.hidden).toBe(false);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    userClick(root.querySelector('[data-loupe-action="client-note"]') as HTMLButtonElement);
    expect(actions.hidden).toBe(true);
    (root.querySelector('textarea') as HTMLTextAreaElement).value = 'Pays on time';
    (root.querySelector('.loupe-notes-form input') as HTMLInputElement).value = 'good, repeat';
    // A script submitting the form saves nothing; the user's submit does.
    (root.querySelector('.loupe-notes-form') as HTMLFormElement).requestSubmit();
    await settle();
    expect((await notesDoc.get()).entries).toEqual([]);
    userSubmit(root.querySelector('.loupe-notes-form') as HTMLFormElement);
    await settle();
    const notes = await notesDoc.get();
    expect(notes.entries).toEqual([
      expect.objectContaining({
        target: 'client',
        key: 'org-a',
        text: 'Pays on time',
        tags: ['good', 'repeat'],
        label: expect.stringContaining('Client in'),
      }),
    ]);
    // Same client, other tile: the note shows there too; a different client's tile does not.
    expect(panelRoot(IDS[2]).querySelector('[data-loupe-note="client"]')?.textContent).toContain('Pays on time');
    expect(panelRoot(IDS[1]).querySelector('[data-loupe-note="client"]')).toBeNull();
  });

  it('blocks a client from its tile, which the filters then hide', async () => {
    run().navigate(SEARCH);
    await settle();
    (panelRoot(IDS[1]).querySelector('[data-loupe-action="block"]') as HTMLButtonElement).click();
    await settle();
    expect((await blockListDoc.get()).clients).toEqual([]);
    userClick(panelRoot(IDS[1]).querySelector('[data-loupe-action="block"]') as HTMLButtonElement);
    await settle();
    expect((await blockListDoc.get()).clients.map((c) => c.clientId)).toEqual(['org-b']);
    expect(isHidden(tile(IDS[1]))).toBe(true);
    expect(document.querySelector('loupe-hidden-jobs')?.shadowRoot?.textContent).toContain('hidden by your rules: Blocked clients');
  });

  it('offers only job notes when the job has no client id', async () => {
    worker.jobs.set(IDS[0], makeJob(IDS[0]));
    run().navigate(SEARCH);
    await settle();
    const block = panelRoot(IDS[0]).querySelector('[data-loupe-action="block"]') as HTMLButtonElement;
    expect(block.disabled).toBe(true);
    expect((panelRoot(IDS[0]).querySelector('[data-loupe-action="job-note"]') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows the notes on the job page, with the client looked up once', async () => {
    await notesDoc.write({ entries: [{ target: 'client', key: 'org-a', text: 'Slow to reply', tags: ['slow'], label: '', updatedAt: 1 }] });
    showFixture('job-details.html');
    run().navigate(DETAILS);
    await settle(20);
    const island = document.querySelector('loupe-job-notes');
    expect(island?.shadowRoot?.textContent).toContain('Slow to reply');
    expect(worker.calls.filter((call) => call.type === 'jobs.forTiles')).toEqual([{ type: 'jobs.forTiles', payload: { ids: [IDS[0]] } }]);
  });
});

describe('seen markers', () => {
  it('marks new and seen jobs and records tiles once they were on screen', async () => {
    await seenJobsDoc.write([[IDS[0], Date.now() - 2 * 24 * 3_600_000]]);
    run().navigate(SEARCH);
    await settle();
    expect(panelRoot(IDS[0]).querySelector('[data-loupe-badge="seen"]')?.textContent).toBe('Seen 2 days ago');
    expect(panelRoot(IDS[1]).querySelector('[data-loupe-badge="seen"]')?.textContent).toBe('New');
    const observer = FakeIntersectionObserver.instances[0] as FakeIntersectionObserver;
    observer.show(tile(IDS[1]));
    life.abort(); // stopping flushes the pending batch
    await settle();
    expect((await seenJobsDoc.get()).map(([id]) => id)).toEqual([IDS[0], IDS[1]]);
  });
});

describe('export this page', () => {
  it('downloads the jobs on the page as CSV, in page order', async () => {
    run().navigate(SEARCH);
    await settle();
    const bar = document.querySelector('loupe-page-export')?.shadowRoot as ShadowRoot;
    expect(bar.textContent).toContain('3 jobs on this page');
    const csvButton = [...bar.querySelectorAll('button')].find((b) => b.textContent === 'Export CSV') as HTMLButtonElement;
    csvButton.click();
    await settle();
    expect(worker.files).toEqual([]);
    userClick(csvButton);
    await settle();
    // The worker saves it (downloads API): no link to a blob ever enters the page.
    expect(document.querySelector('a[download]')).toBeNull();
    expect(worker.files.map((file) => file.fileName)).toEqual([expect.stringMatching(/^loupe-jobs-\d{4}-\d{2}-\d{2}\.csv$/)]);
    const text = worker.files[0]?.text ?? '';
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]?.startsWith('Job id,Link,Title')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([...IDS]);
  });
});
