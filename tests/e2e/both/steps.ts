import { expect } from '@playwright/test';
import type { Sandbox } from '../../../sandbox/server';
import type { LoupeBrowser, LoupePage, Selector } from '../../../testkit/driver';

/**
 * Scenario steps shared by both browsers: what to open, what to press, and what the user must
 * then see. They speak only through testkit/driver.ts, so each step reads the same in Chromium and
 * Firefox.
 */

/** `[data-testid="…"]`, the hooks Loupe's own pages carry. */
export const testId = (id: string) => `[data-testid="${id}"]`;

export type ClientRecord = Sandbox['dataset']['clients'][number];
export type JobRecord = Sandbox['dataset']['jobs'][number];

export function jobAndClient(sandbox: Sandbox, id: string): { job: JobRecord; client: ClientRecord } {
  const job = sandbox.dataset.jobs.find((j) => j.id === id);
  const client = sandbox.dataset.clients.find((c) => c.id === job?.clientId);
  if (!job || !client) throw new Error(`job ${id} is not in the sandbox dataset`);
  return { job, client };
}

/** Configures the sandbox's demo key and signs in by message (the sandbox approves at once). */
export async function signIn(loupe: LoupeBrowser): Promise<void> {
  const page = await loupe.openExtensionPage('options.html');
  expect(await page.send('auth.configure', { clientId: 'loupe-demo' })).toMatchObject({ ok: true });
  expect(await page.send('auth.signIn', {})).toMatchObject({ ok: true });
  await page.close();
}

/** Signs in, then opens one of Loupe's pages. */
export async function openSignedIn(loupe: LoupeBrowser, path: string): Promise<LoupePage> {
  await signIn(loupe);
  return loupe.openExtensionPage(path);
}

/** Types the API key into the options page and saves it, as a user does. */
export async function saveKey(options: LoupePage, clientId: string, secret?: string): Promise<void> {
  await options.fill(testId('client-id-input'), clientId);
  if (secret !== undefined) await options.fill(testId('client-secret-input'), secret);
  await options.click(testId('save-credentials'));
  await expect.poll(() => options.text(testId('auth-notice'))).toBe('API key saved.');
}

/** Saves the demo key and presses "Sign in with Upwork"; with a consent page, returns it. */
export async function startSignIn(loupe: LoupeBrowser): Promise<{ options: LoupePage; consent: LoupePage }> {
  const options = await loupe.openExtensionPage('options.html');
  await saveKey(options, 'loupe-demo');
  await options.click(testId('sign-in'));
  const consent = await loupe.waitForWindow('/oauth2/authorize');
  await expect.poll(() => consent.text(testId('oauth-client-id'))).toBe('loupe-demo');
  return { options, consent };
}

export const SEARCH_TILE = 'article[data-ev-job-uid]';
export const FEED_TILE = 'section[data-ev-opening_uid]';

/**
 * Every tile on the page carries exactly one Loupe panel, for its own job, and it has loaded
 * ("missing" is a loaded panel too: a feed Loupe can't mirror with a search may lack stats).
 */
export async function expectEachTileAnnotatedOnce(
  page: LoupePage,
  tile: string,
  idAttribute: string,
  allowMissing = false,
): Promise<string[]> {
  await expect.poll(() => page.count(tile)).toBeGreaterThan(0);
  const count = await page.count(tile);
  const loaded = allowMissing
    ? 'loupe-tile-panel:is([data-loupe-state="ready"], [data-loupe-state="missing"])'
    : 'loupe-tile-panel[data-loupe-state="ready"]';
  await expect.poll(() => page.count(loaded)).toBe(count);
  const ids = (await page.attributes(tile, idAttribute)).map((id) => id ?? '');
  for (const id of ids) {
    expect(await page.attributes(`${tile}[${idAttribute}="${id}"] loupe-tile-panel`, 'data-loupe-job')).toEqual([id]);
  }
  return ids;
}

const stat = (tile: string, key: string): Selector => [`${tile} loupe-tile-panel`, `[data-loupe-stat="${key}"] .loupe-stat-value`];

/** The tile's panel shows the sandbox's numbers for its client. */
export async function expectClientStats(page: LoupePage, tile: string, sandbox: Sandbox, id: string): Promise<void> {
  const { job, client } = jobAndClient(sandbox, id);
  const read = (key: string) => () => page.text(stat(tile, key));
  await expect.poll(read('hires')).toBe(client.totalHires.toLocaleString('en-US'));
  await expect.poll(read('jobsPosted')).toBe(client.totalPostedJobs.toLocaleString('en-US'));
  if (client.totalPostedJobs > 0 && client.totalHires <= client.totalPostedJobs) {
    await expect.poll(read('hireRate')).toBe(`${Math.round((client.totalHires / client.totalPostedJobs) * 100)}%`);
  } else if (client.totalPostedJobs > 0) {
    // More hires than jobs is no rate: hires per job, never a hire rate above 100 %.
    await expect
      .poll(read('hiresPerJob'))
      .toBe(`${(client.totalHires / client.totalPostedJobs).toFixed(2).replace(/\.?0+$/, '')} hires per job`);
  }
  const spent = client.hasFinancialPrivacy ? 'hidden by the client' : `$${Math.round(client.totalSpent).toLocaleString('en-US')}`;
  // What Upwork's tile says word for word ("$0 spent") the strip leaves out; what it rounds ("$12M+") it gives exactly.
  const ownSpent = ((await page.text(`${tile} [data-test="total-spent"]`)) ?? '').replace(/\s+/g, ' ').trim();
  if (ownSpent === `${spent} spent`) await expect.poll(() => page.count(stat(tile, 'spent'))).toBe(0);
  else await expect.poll(read('spent')).toBe(spent);
  // A search tile shows its payment line itself (data-test="payment-verified"): Loupe does not repeat it.
  if (tile.startsWith(SEARCH_TILE)) await expect.poll(() => page.count(stat(tile, 'payment'))).toBe(0);
  else await expect.poll(read('payment')).toBe(client.paymentVerified ? '✓ Payment verified' : 'Payment not verified');
  if (client.rating !== null && client.totalReviews > 0) {
    await expect.poll(read('rating')).toContain(`(${client.totalReviews.toLocaleString('en-US')} review`);
    await expect.poll(read('rating')).toContain(client.rating.toFixed(2).replace(/\.?0+$/, ''));
  }
  const ownPlace = ((await page.text(`${tile} [data-test="location"]`)) ?? '').replace(/\s+/g, ' ').trim();
  if (client.country && ownPlace === client.country.name && !client.city)
    await expect.poll(() => page.count(stat(tile, 'location'))).toBe(0);
  else if (client.country) await expect.poll(read('location')).toContain(client.country.name);
  if (job.totalApplicants !== null) await expect.poll(read('proposals')).toBe(String(job.totalApplicants));
  if (client.timezone) await expect.poll(read('localTime')).toMatch(/^\d{1,2}:\d{2} [AP]M$/);
}
