import type { BrowserContext, Page } from '@playwright/test';
import { launchWithExtension, SHIPPED_EXTENSION_DIR } from '../../testkit/extension';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import { readStorage, writeStorage } from './support/security';

/**
 * The page's own scripts on upwork.com (a page script runs in the page's main world, as
 * `page.evaluate` does) can neither read what Loupe shows (notes, tags, keywords, rules, verdicts)
 * nor press its buttons, while a person's click (Playwright's click is a trusted input event) works.
 * The shipped build is checked for what the page can see; the test build, whose roots are open for
 * the tests, shows that even a script that reaches a button cannot press it (event.isTrusted).
 */

const NOTE = 'Secret note 7f3a: pays late';
const TAG = 'tag-9c1e';
const SEARCH = 'https://www.upwork.com/nx/search/jobs/?q=react';
/** What Loupe's buttons change (seen marks and the rules preview's sample change by themselves while a list is open). */
const ACTED_ON = ['settings', 'notes', 'blockList', 'savedSearches', 'features'];

/** A rule that dims everything, a highlight group, a client note and a job note on the first tile's job. */
async function seed(options: Page, jobId: string): Promise<void> {
  await writeStorage(options, {
    settings: {
      rules: { minClientSpend: { enabled: true, action: 'dim', amount: 1_000_000_000 } },
      highlights: [{ id: 'g-secret', name: 'Group 4e1d', color: 'green', terms: 'react', enabled: true }],
    },
    settings$: { v: 2 },
    notes: { entries: [{ target: 'job', key: jobId, text: NOTE, tags: [TAG], label: 'A job', updatedAt: 1 }] },
    notes$: { v: 2 },
  });
}

async function signIn(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  expect(await sendFromExtensionPage(options, 'auth.configure', { clientId: 'loupe-demo' })).toMatchObject({ ok: true });
  expect(await sendFromExtensionPage(options, 'auth.signIn', {})).toMatchObject({ ok: true });
  return options;
}

/** Text in every shadow root, closed ones included, as DevTools sees it (the page cannot). */
async function textInAllRoots(context: BrowserContext, page: Page): Promise<string> {
  const cdp = await context.newCDPSession(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  await cdp.detach();
  type DomNode = { nodeType: number; nodeValue?: string; children?: DomNode[]; shadowRoots?: DomNode[] };
  const texts: string[] = [];
  const walk = (node: DomNode, inRoot: boolean) => {
    if (inRoot && node.nodeType === 3 && node.nodeValue) texts.push(node.nodeValue);
    for (const child of node.children ?? []) walk(child, inRoot);
    for (const shadow of node.shadowRoots ?? []) walk(shadow, true);
  };
  walk(root as DomNode, false);
  return texts.join(' ');
}

/** Everything a page script can learn of Loupe from the DOM and the shared page APIs. */
function whatThePageSees(page: Page) {
  return page.evaluate(() => {
    const hosts = [...document.querySelectorAll('*')].filter((element) => element.tagName.startsWith('LOUPE-'));
    return {
      html: document.documentElement.outerHTML,
      text: document.body.innerText,
      loupeAttributes: [...document.querySelectorAll('*')].flatMap((element) =>
        element.getAttributeNames().filter((name) => name.includes('loupe')),
      ),
      hosts: hosts.length,
      openRoots: hosts.filter((host) => host.shadowRoot !== null).length,
      marks: document.querySelectorAll('mark').length,
      downloadLinks: document.querySelectorAll('a[download]').length,
      highlights: (globalThis as unknown as { CSS: { highlights?: { size: number } } }).CSS.highlights?.size ?? 0,
      timings: performance
        .getEntries()
        .map((entry) => entry.name)
        .filter((name) => name.includes('loupe')),
    };
  });
}

/** A page script does everything it can to press Loupe's buttons: clicks every host, and every button it can reach. */
function pressEverything(page: Page) {
  return page.evaluate(() => {
    history.pushState({}, '', '/nx/search/jobs/?q=forged');
    let pressed = 0;
    for (const host of document.querySelectorAll('*')) {
      if (!host.tagName.startsWith('LOUPE-')) continue;
      (host as HTMLElement).click();
      for (const type of ['click', 'submit', 'keydown']) host.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
      const root = host.shadowRoot;
      if (!root) continue;
      for (const button of root.querySelectorAll('button')) {
        button.click();
        pressed += 1;
      }
      for (const form of root.querySelectorAll('form')) form.requestSubmit();
    }
    return pressed;
  });
}

test('in the shipped build, a page script learns nothing of the notes, tags, keywords, rules or verdicts and presses nothing', async ({
  sandbox,
}, testInfo) => {
  testInfo.setTimeout(120_000);
  const context = await launchWithExtension({ extensionDir: SHIPPED_EXTENSION_DIR, args: sandbox.chromiumArgs });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const options = await signIn(context, new URL(worker.url()).host);
    const page = await context.newPage();
    await page.goto(SEARCH);
    const jobId = (await page.locator('article[data-ev-job-uid]').first().getAttribute('data-ev-job-uid')) as string;
    await seed(options, jobId);
    await page.reload();
    // Loupe did render them, inside its closed roots.
    await expect.poll(() => textInAllRoots(context, page), { timeout: 20_000 }).toContain(NOTE);
    const inRoots = await textInAllRoots(context, page);
    expect(inRoots).toContain(TAG);
    expect(inRoots).toContain('Dimmed:');

    const seen = await whatThePageSees(page);
    expect(seen.hosts).toBeGreaterThan(0);
    expect(seen.openRoots).toBe(0);
    for (const secret of [NOTE, TAG, 'Group 4e1d', 'g-secret', 'Dimmed:']) {
      expect(seen.html, secret).not.toContain(secret);
      expect(seen.text, secret).not.toContain(secret);
    }
    expect(seen.loupeAttributes).toEqual([]);
    expect(seen.marks).toBe(0);
    expect(seen.highlights).toBe(0);
    expect(seen.timings).toEqual([]);
    expect(seen.downloadLinks).toBe(0);

    const before = await readStorage(options, ACTED_ON);
    expect(await pressEverything(page)).toBe(0);
    await page.waitForTimeout(1_000);
    expect(await readStorage(options, ACTED_ON)).toEqual(before);
  } finally {
    await context.close();
  }
});

test('in the test build, a script that reaches Loupe’s buttons still cannot press them; a person can', async ({
  context,
  worker,
  openExtensionPage,
  signIn: signInFixture,
}) => {
  await signInFixture();
  const options = await openExtensionPage('options.html');
  const page = await context.newPage();
  await page.goto(SEARCH);
  const jobId = (await page.locator('article[data-ev-job-uid]').first().getAttribute('data-ev-job-uid')) as string;
  await seed(options, jobId);
  await page.reload();
  await expect(page.locator('loupe-tile-panel[data-loupe-state="ready"]').first()).toBeAttached();
  await expect(page.locator('loupe-save-search button')).toBeVisible();
  await expect(page.locator('loupe-page-export button').first()).toBeEnabled();

  const before = await readStorage(options, ACTED_ON);
  expect(await pressEverything(page)).toBeGreaterThan(10);
  await page.waitForTimeout(1_500);
  expect(await readStorage(options, ACTED_ON)).toEqual(before);
  type Downloads = { chrome: { downloads: { search(q: object): Promise<unknown[]> } } };
  expect(await worker.evaluate(() => (globalThis as unknown as Downloads).chrome.downloads.search({}))).toEqual([]);
  await expect(page.locator('loupe-save-search [role="status"]')).toHaveText('');

  // A person's click is trusted: the search is saved.
  await page.goto(SEARCH);
  await page.locator('loupe-save-search button').click();
  await expect(page.locator('loupe-save-search [role="status"]')).toContainText('Saved');
  await expect
    .poll(
      async () => ((await readStorage(options, ['savedSearches'])).savedSearches as { searches: unknown[] } | undefined)?.searches.length,
    )
    .toBe(1);
});
