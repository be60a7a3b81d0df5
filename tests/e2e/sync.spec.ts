import { type BrowserContext, test as base, expect, type Page, type Worker } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { extensionIdOf, launchWithExtension, serviceWorkerOf } from '../../testkit/extension';
import { sendFromExtensionPage } from '../../testkit/messages';
import { SEARCH_TILE as TILE } from './both/steps';
import { workerSandbox } from './support/sandbox';
import { SyncRelay } from './support/sync-relay';

/**
 * Two browser profiles (a laptop and a desktop) sharing one sync area through SyncRelay, the
 * test's stand-in for the browser's sync engine. Notes are written as a person writes them, on
 * job tiles on Upwork's pages, and read back on the other browser's options page.
 */

interface Browser {
  context: BrowserContext;
  worker: Worker;
  id: string;
  open(path: string): Promise<Page>;
}

const test = base.extend<{ laptop: Browser; desktop: Browser }, { sandbox: Sandbox }>({
  sandbox: workerSandbox,
  laptop: async ({ sandbox }, use) => {
    const browser = await launch(sandbox);
    await use(browser);
    await browser.context.close();
  },
  desktop: async ({ sandbox }, use) => {
    const browser = await launch(sandbox);
    await use(browser);
    await browser.context.close();
  },
});

async function launch(sandbox: Sandbox): Promise<Browser> {
  const context = await launchWithExtension({ args: sandbox.chromiumArgs });
  const worker = await serviceWorkerOf(context);
  const id = extensionIdOf(worker);
  const open = async (path: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/${path}`);
    return page;
  };
  return { context, worker, id, open };
}

/** Signs in with the sandbox's demo key and switches on note sync with the options page's checkbox. */
async function setUp(browser: Browser): Promise<Page> {
  const options = await browser.open('options.html#/backup');
  expect(await sendFromExtensionPage(options, 'auth.configure', { clientId: 'loupe-demo' })).toMatchObject({ ok: true });
  expect(await sendFromExtensionPage(options, 'auth.signIn', {})).toMatchObject({ ok: true });
  await options.getByTestId('sync-kind-notes').check();
  await expect(options.getByTestId('sync-usage-notes')).toHaveText(/Waiting for the first sync|entr/);
  return options;
}

/** Writes a note on the n-th job tile of the search page, through the tile's own note form. */
async function noteOnTile(browser: Browser, index: number, text: string): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto('https://www.upwork.com/nx/search/jobs/');
  const tile = page.locator(TILE).nth(index);
  const notes = tile.locator('loupe-tile-panel [data-loupe-section="notes"]');
  await notes.getByRole('button', { name: 'Note or block ▾' }).click();
  await notes.getByRole('button', { name: 'Note on job' }).click();
  await notes.getByLabel('Your note on this job').fill(text);
  await notes.getByRole('button', { name: 'Save note' }).click();
  await expect(notes.locator('[data-loupe-note="job"]')).toContainText(text);
  await page.close();
}

/** The notes a browser's settings list, read from a fresh "Notes and tags" section (the sync switches live in Backup). */
async function noteTexts(options: Page): Promise<string[]> {
  const page = await options.context().newPage();
  try {
    await page.goto(new URL('options.html#/notes', options.url()).toString());
    await page.waitForLoadState('load');
    await page.waitForTimeout(300); // the section reads storage once after it mounts
    return await page
      .locator('[data-testid^="note-"][data-testid$="-text"]')
      .evaluateAll((areas) => areas.map((area) => (area as HTMLTextAreaElement).value).sort());
  } finally {
    await page.close();
  }
}

test.describe('sync between two browsers', () => {
  // Two whole browsers on a shared two-core machine: each step is slower than with one.
  test.setTimeout(240_000);

  test('a note written in one browser appears in the other, and concurrent notes both survive', async ({ laptop, desktop }) => {
    const laptopOptions = await setUp(laptop);
    const desktopOptions = await setUp(desktop);
    const relay = new SyncRelay([laptop.worker, desktop.worker]);
    relay.start();
    try {
      await noteOnTile(laptop, 0, 'Written on the laptop');
      await expect.poll(() => noteTexts(desktopOptions), { timeout: 20_000 }).toEqual(['Written on the laptop']);
      await expect(desktopOptions.getByTestId('sync-usage-notes')).toHaveText(/kB \(.*\), 1 entry/);

      // Both browsers offline, each writes a different note; then the engine delivers.
      await relay.disconnect();
      await noteOnTile(laptop, 1, 'Laptop, while offline');
      await noteOnTile(desktop, 2, 'Desktop, while offline');
      await expect.poll(() => noteTexts(laptopOptions)).toEqual(['Laptop, while offline', 'Written on the laptop']);
      relay.reconnect();
      const all = ['Desktop, while offline', 'Laptop, while offline', 'Written on the laptop'];
      await expect.poll(() => noteTexts(laptopOptions), { timeout: 30_000 }).toEqual(all);
      await expect.poll(() => noteTexts(desktopOptions), { timeout: 30_000 }).toEqual(all);
    } finally {
      await relay.stop();
    }
  });
});
