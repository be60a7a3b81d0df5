import { type BrowserContext, expect, type Page, type Worker } from '@playwright/test';
import { busiestWindow } from '../../../lib/background/request-log/log';
import type { RequestLogEntry, Sandbox } from '../../../sandbox/server';
import { sendFromExtensionPage } from '../../../testkit/messages';
import { openSignedIn, type SignInFixtures } from './session';

/**
 * Helpers for the reliability and security suites: the request-limit check on the
 * sandbox's log, Loupe's own content-script world, the user's data, the worker's status.
 */

export const LOUPE_ID = 'geenbgfjnpfpmhohiaicibhjcgpjmepd';
/** Where the sandbox's OAuth server hands out access and refresh tokens. */
export const TOKEN_PATH = '/api/v3/oauth2/token';
/** Upwork's limit: requests per IP in any 1,000 ms. */
export const UPWORK_PER_SECOND = 10;

export function graphqlEntries(sandbox: Sandbox): RequestLogEntry[] {
  return sandbox.requestLog.filter((entry) => entry.path === '/graphql');
}

/** The most GraphQL requests that arrived in any 1,000 ms window (what Upwork's limiter counts). */
export function busiestSecond(entries: readonly RequestLogEntry[]): number {
  return busiestWindow(
    entries.map((entry) => entry.at).sort((a, b) => a - b),
    1000,
  );
}

/** No window of the sandbox's log went over Upwork's per-second limit. */
export function expectNoRequestOverLimit(sandbox: Sandbox): void {
  const entries = graphqlEntries(sandbox);
  expect(busiestSecond(entries), `busiest second of ${entries.length} GraphQL requests`).toBeLessThanOrEqual(UPWORK_PER_SECOND);
}

/** Every request to the token endpoint in the sandbox's log (renewals and first sign-ins). */
export function tokenRequests(sandbox: Sandbox): RequestLogEntry[] {
  return sandbox.requestLog.filter((entry) => entry.path === TOKEN_PATH);
}

/**
 * Collects every token the sandbox hands out, as Playwright sees the service worker's traffic (the
 * only place tokens should appear), into a set that starts with `known` (e.g. the client secret).
 */
export function collectTokens(context: BrowserContext, known: string[]): Set<string> {
  const secrets = new Set<string>(known);
  context.on('response', async (response) => {
    if (!response.url().endsWith(TOKEN_PATH)) return;
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string };
    if (body.access_token) secrets.add(body.access_token);
    if (body.refresh_token) secrets.add(body.refresh_token);
  });
  return secrets;
}

/** Loupe's service worker (not another extension's). */
export async function loupeWorker(context: BrowserContext): Promise<Worker> {
  const mine = (worker: Worker) => worker.url().startsWith(`chrome-extension://${LOUPE_ID}/`);
  return context.serviceWorkers().find(mine) ?? (await context.waitForEvent('serviceworker', { predicate: mine, timeout: 15_000 }));
}

/**
 * Runs code in Loupe's content-script world on `page` (the isolated world Chrome gives the
 * extension), through the devtools protocol: what a content script a page had subverted could do.
 * Call before the page loads its URL.
 */
export async function contentScriptWorld(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  let contextId: number | undefined;
  cdp.on('Runtime.executionContextCreated', ({ context: created }) => {
    if (created.origin === `chrome-extension://${LOUPE_ID}`) contextId = created.id;
  });
  await cdp.send('Runtime.enable');
  return async function run<T>(expression: string): Promise<T> {
    await expect.poll(() => contextId, { message: 'Loupe’s content script world', timeout: 10_000 }).toBeDefined();
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails)
      throw new Error(`in Loupe's content script world: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  };
}

export type Local = Record<string, unknown>;
type WithChrome = { chrome: { storage: { local: { get(keys: string[] | null): Promise<Local>; set(items: Local): Promise<void> } } } };

/** The user's own data, as a test seeds it: a rule, two notes (one with markup), a blocked client. */
export const USER_DATA = {
  settings: {
    rules: { minClientSpend: { enabled: true, action: 'dim', amount: 750 } },
  },
  notes: {
    entries: [
      { target: 'client', key: 'client-1', text: 'Pays on time. <b>Keep</b>', tags: ['good'], label: 'Client in Oslo', updatedAt: 1 },
      { target: 'job', key: '2024696422907076268', text: 'Applied on Monday', tags: [], label: 'A job', updatedAt: 2 },
    ],
  },
  blockList: { clients: [{ clientId: 'client-2', label: 'Client in Lima', reason: 'never answered', addedAt: 3 }] },
} as const;

export const USER_KEYS = ['settings', 'notes', 'blockList', 'savedSearches'];

/** Writes USER_DATA with the version marks the settings module writes. */
export async function seedUserData(page: Page): Promise<void> {
  await page.evaluate(
    (data) =>
      (globalThis as unknown as WithChrome).chrome.storage.local.set({
        settings: data.settings,
        settings$: { v: 2 },
        notes: data.notes,
        notes$: { v: 2 },
        blockList: data.blockList,
        blockList$: { v: 2 },
      }),
    USER_DATA,
  );
}

/** Signs in, opens the options page and seeds USER_DATA there; returns the options page. */
export async function signedInWithUserData(fixtures: SignInFixtures): Promise<Page> {
  const options = await openSignedIn(fixtures, 'options.html');
  await seedUserData(options);
  return options;
}

/** Writes items into Loupe's storage.local straight from an extension page, bypassing Loupe's own checks. */
export async function writeStorage(page: Page, items: Local): Promise<void> {
  await page.evaluate((values) => (globalThis as unknown as WithChrome).chrome.storage.local.set(values), items);
}

export async function readStorage(page: Page, keys: string[] | null = USER_KEYS): Promise<Local> {
  return page.evaluate((k) => (globalThis as unknown as WithChrome).chrome.storage.local.get(k), keys);
}

/** Settings, notes and block list hold what USER_DATA put there. */
export async function expectUserDataIntact(page: Page): Promise<void> {
  const stored = await readStorage(page);
  expect(stored.notes).toEqual(USER_DATA.notes);
  expect(stored.blockList).toEqual(USER_DATA.blockList);
  expect((stored.settings as { rules?: Local } | undefined)?.rules?.minClientSpend).toEqual(USER_DATA.settings.rules.minClientSpend);
}

export interface ApiStatusView {
  queue: {
    queued: number;
    inFlight: number;
    slowedUntil: number | null;
    currentRate: number;
    ratePerSecond: number;
    requestsToday: number;
  };
  cache: { disabledReason: string | null; hits: number };
  lastError: { message: string; at: number } | null;
  signedIn: boolean;
}

export async function apiStatus(page: Page): Promise<ApiStatusView> {
  const reply = (await sendFromExtensionPage(page, 'status.get', {})) as { ok: boolean; data: ApiStatusView };
  expect(reply.ok).toBe(true);
  return reply.data;
}

/** Stops every service worker through the devtools protocol, as Chrome does after 30 s idle. */
export async function stopWorkers(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** Collects the page's uncaught errors (the page must never break because of Loupe). */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Saves an API key (and secret) in the options page and signs in with it; the sandbox approves at once. */
export async function signInAs(page: Page, clientId: string, clientSecret?: string): Promise<void> {
  expect(await sendFromExtensionPage(page, 'auth.configure', clientSecret ? { clientId, clientSecret } : { clientId })).toMatchObject({
    ok: true,
  });
  expect(await sendFromExtensionPage(page, 'auth.signIn', {})).toMatchObject({ ok: true, data: { state: 'signed-in' } });
}
