import { fileURLToPath } from 'node:url';
import type { Page, Worker } from '@playwright/test';
import { launchWithExtension } from '../../testkit/extension';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import { collectTokens, contentScriptWorld, expectUserDataIntact, LOUPE_ID, loupeWorker, pageErrors, signInAs } from './support/security';

/**
 * Messages Loupe must refuse, in real Chromium with the built extension: a page imitating Loupe's
 * messages, another extension, and a subverted content script asking for secrets. Each test names
 * the protection it checks; SECURITY.md says what they add up to; attacks-data.spec.ts holds the
 * hostile data.
 */

const OTHER_EXTENSION = fileURLToPath(new URL('../fixtures/other-extension', import.meta.url));

/** Messages an attacker would most like to send, each valid in shape so only the sender check can stop it. */
const FORGED = [
  { loupe: 1, type: 'auth.signOut', payload: {} },
  { loupe: 1, type: 'auth.details', payload: {} },
  { loupe: 1, type: 'auth.configure', payload: { clientId: 'attacker-key' } },
  { loupe: 1, type: 'auth.testConnection', payload: {} },
  { loupe: 1, type: 'status.get', payload: {} },
  { loupe: 1, type: 'jobs.detail', payload: { id: '2024696422907076268' } },
  { loupe: 1, type: 'jobs.forTiles', payload: { ids: Array.from({ length: 100 }, (_, i) => String(1_000_000 + i)) } },
  { loupe: 1, type: 'alerts.saveSearch', payload: { query: 'forged search' } },
  {
    loupe: 1,
    type: 'page.reportHealth',
    payload: { page: 'forged', url: 'https://www.upwork.com/forged', landmarks: { forged: false }, disabledFeatures: [] },
  },
  { loupe: 1, type: 'ping', payload: { from: 'content' } },
];

async function authDetails(page: Page) {
  return ((await sendFromExtensionPage(page, 'auth.details', {})) as { data: { state: string; clientId: string | null } }).data;
}

test('a page script imitating Loupe’s messages reaches nothing and changes nothing', async ({ context, options, sandbox }) => {
  const page = await context.newPage();
  const errors = pageErrors(page);
  await page.goto('https://www.upwork.com/nx/search/jobs/?q=react');
  await expect(page.locator('html')).toHaveAttribute('data-loupe', 'connected');
  await expect(page.locator('loupe-tile-panel[data-loupe-state="ready"]').first()).toBeVisible();
  await page.waitForTimeout(500); // let the page's own lookups finish
  sandbox.clearLog();

  const attempts = await page.evaluate(
    async ({ forged, id }) => {
      const heard: unknown[] = [];
      const posted = new Set(forged.flatMap((message) => [JSON.stringify(message), JSON.stringify(JSON.stringify(message))]));
      window.addEventListener('message', (event) => {
        // Anything that is not one of our own posts would be Loupe answering the page.
        if (!posted.has(JSON.stringify(event.data))) heard.push(event.data);
      });
      for (const message of forged) {
        window.postMessage(message, '*');
        window.postMessage(JSON.stringify(message), '*');
        document.dispatchEvent(new CustomEvent('loupe', { detail: message }));
        document.dispatchEvent(new CustomEvent(`loupe:${message.type}`, { detail: message.payload }));
      }
      // A page has no extension messaging unless the manifest opens it (externally_connectable).
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } } }).chrome?.runtime;
      const direct: string[] = [];
      for (const name of ['sendMessage', 'connect'] as const) {
        const call = runtime?.[name];
        if (typeof call !== 'function') {
          direct.push(`${name}: no channel`);
          continue;
        }
        try {
          const result = await (call as (id: string, message: unknown) => unknown)(id, forged[0]);
          direct.push(`${name}: answered ${JSON.stringify(result)}`);
        } catch (error) {
          direct.push(`${name}: refused (${String(error)})`);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return { heard, direct };
    },
    { forged: FORGED, id: LOUPE_ID },
  );

  expect(attempts.heard, 'Loupe posted nothing back to the page').toEqual([]);
  for (const line of attempts.direct) expect(line).toMatch(/no channel|refused/);
  expect(sandbox.requestLog, 'no request went to Upwork on the page’s say-so').toEqual([]);
  expect(await authDetails(options)).toMatchObject({ state: 'signed-in', clientId: 'loupe-demo' });
  const health = (await sendFromExtensionPage(options, 'page.health', {})) as { data: { reports: { page: string }[] } };
  expect(health.data.reports.map((report) => report.page)).not.toContain('forged');
  const alerts = (await sendFromExtensionPage(options, 'alerts.list', {})) as { data: { searches: { query: string }[] } };
  expect(alerts.data.searches.map((search) => search.query)).not.toContain('forged search');
  await expectUserDataIntact(options);
  expect(errors).toEqual([]);
});

test.describe('with another extension installed', () => {
  test('it can neither message nor connect to Loupe, nor read its files', async ({ sandbox }) => {
    const context = await launchWithExtension({ args: sandbox.chromiumArgs, extraExtensions: [OTHER_EXTENSION] });
    try {
      await loupeWorker(context);
      const foreign = (worker: Worker) => !worker.url().includes(LOUPE_ID);
      const intruder =
        context.serviceWorkers().find(foreign) ?? (await context.waitForEvent('serviceworker', { predicate: foreign, timeout: 15_000 }));

      const options = await context.newPage();
      await options.goto(`chrome-extension://${LOUPE_ID}/options.html`);
      await signInAs(options, 'loupe-demo');
      sandbox.clearLog();

      for (const message of FORGED) {
        const outcome = await intruder.evaluate(
          ([id, m]) => (globalThis as unknown as { sendTo(id: string, m: unknown): Promise<unknown> }).sendTo(id, m),
          [LOUPE_ID, message] as const,
        );
        expect(outcome, `sendMessage ${message.type}`).toEqual({
          answered: false,
          error: expect.stringMatching(/Receiving end does not exist/),
        });
      }
      const port = await intruder.evaluate(
        ([id, m]) => (globalThis as unknown as { connectTo(id: string, m: unknown): Promise<unknown> }).connectTo(id, m),
        [LOUPE_ID, FORGED[1]] as const,
      );
      expect(port).toMatchObject({ connected: false, received: [] });
      for (const file of ['popup.html', 'options.html', 'manifest.json', 'background.js']) {
        const read = await intruder.evaluate(
          (url) => (globalThis as unknown as { fetchFrom(url: string): Promise<{ ok: boolean }> }).fetchFrom(url),
          `chrome-extension://${LOUPE_ID}/${file}`,
        );
        expect(read.ok, `reading ${file}`).toBe(false);
      }

      expect(sandbox.requestLog).toEqual([]);
      expect(await authDetails(options)).toMatchObject({ state: 'signed-in', clientId: 'loupe-demo' });
    } finally {
      await context.close();
    }
  });
});

test('a subverted content script gets no token, no secret and no other account’s data', async ({ context, openExtensionPage }) => {
  const secrets = collectTokens(context, ['s3cret-demo']);
  const options = await openExtensionPage('options.html');
  await signInAs(options, 'loupe-secret', 's3cret-demo');
  expect(secrets.size).toBeGreaterThanOrEqual(3);

  const page = await context.newPage();
  const inLoupe = await contentScriptWorld(context, page);
  await page.goto('https://www.upwork.com/nx/search/jobs/?q=react');
  await expect(page.locator('html')).toHaveAttribute('data-loupe', 'connected');

  const ask = (message: unknown) =>
    inLoupe<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>(
      `chrome.runtime.sendMessage(${JSON.stringify(message)})`,
    );
  const refusals: Record<string, string> = {};
  for (const [type, payload] of [
    ['auth.details', {}],
    ['auth.configure', { clientId: 'loupe-demo' }],
    ['auth.signOut', {}],
    ['auth.signIn', {}],
    ['auth.testConnection', {}],
    ['auth.selectOrganization', { organizationId: null }],
    ['status.get', {}],
    ['page.health', {}],
    ['alerts.list', {}],
    ['auth.getToken', {}],
    ['auth.getRefreshToken', {}],
    ['auth.clientSecret', {}],
    ['jobs.detail', { id: '2024696422907076268', accountKey: 'loupe-demo:someone-else' }],
    ['jobs.forTiles', { ids: ['2024696422907076268'], tenantId: '1130704449768374274' }],
  ] as const) {
    const reply = await ask({ loupe: 1, type, payload });
    expect(reply.ok, `${type} from a content script`).toBe(false);
    refusals[type] = reply.error?.code ?? 'none';
  }
  expect(refusals).toEqual({
    'auth.details': 'forbidden-sender',
    'auth.configure': 'forbidden-sender',
    'auth.signOut': 'forbidden-sender',
    'auth.signIn': 'forbidden-sender',
    'auth.testConnection': 'forbidden-sender',
    'auth.selectOrganization': 'forbidden-sender',
    'status.get': 'forbidden-sender',
    'page.health': 'forbidden-sender',
    'alerts.list': 'forbidden-sender',
    'auth.getToken': 'unknown-message',
    'auth.getRefreshToken': 'unknown-message',
    'auth.clientSecret': 'unknown-message',
    'jobs.detail': 'bad-message',
    'jobs.forTiles': 'bad-message',
  });

  // What it may ask says who is signed in, and nothing more.
  const status = await ask({ loupe: 1, type: 'auth.status', payload: {} });
  expect(status).toMatchObject({ ok: true, data: { state: 'signed-in' } });
  expect(Object.keys(status.data as object).sort()).toEqual(['accountName', 'lastError', 'organizationName', 'state']);

  // The access token's storage is closed to content scripts; what they can read holds sealed values only.
  const session = await inLoupe<string>(
    `chrome.storage.session.get(null).then((items) => 'read: ' + JSON.stringify(items), (error) => 'refused: ' + error.message)`,
  );
  expect(session).toMatch(/^refused: /);
  // storage.local too: the worker shuts content scripts out of both areas.
  const local = await inLoupe<string>(
    `Promise.resolve().then(() => chrome.storage.local.get(null)).then((items) => 'read: ' + JSON.stringify(items), (error) => 'refused: ' + error.message)`,
  );
  expect(local).toMatch(/^refused: /);
  // The sealing key and the cache live in the extension's IndexedDB, which the page's origin cannot open.
  const databases = await inLoupe<string[]>('indexedDB.databases().then((list) => list.map((d) => d.name))');
  expect(databases.filter((name) => /loupe/i.test(name))).toEqual([]);

  const everything = [local, session, JSON.stringify(refusals), JSON.stringify(status), await page.content()].join('\n');
  for (const secret of secrets) expect(everything).not.toContain(secret);
  expect(await authDetails(options)).toMatchObject({ state: 'signed-in', clientId: 'loupe-secret' });
});
