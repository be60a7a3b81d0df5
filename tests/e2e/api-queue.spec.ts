import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import { busiestSecond } from './support/security';
import { openSignedIn, type SignInFixtures } from './support/session';

/**
 * The API core in real Chromium: a big queue meets a 429 storm, the MV3 worker is stopped in the
 * middle (as Chrome does after 30 s idle), and a fresh worker finishes the persisted work without
 * ever going over Upwork's limit.
 */

const JOBS = 300; // 12 batched JobDetails requests
const PROFILES = 30; // 2 batched FreelancerProfiles requests
const STORM_MS = 3_000;
const UPWORK_PER_SECOND = 10;

interface Reply {
  ok: boolean;
  data?: { job?: { id: string } | null; freelancer?: { profileKey: string } | null } & Record<string, unknown>;
  error?: { code: string; message: string };
}

const graphql = (sandbox: Sandbox) => sandbox.requestLog.filter((entry) => entry.path === '/graphql');

/** Keys Upwork answered (HTTP 200) for one operation, summed over its batches. */
function answered(sandbox: Sandbox, operationName: string): number {
  return graphql(sandbox)
    .filter((entry) => entry.status === 200 && entry.operationName === operationName)
    .reduce((sum, entry) => sum + entry.aliasCount, 0);
}

/**
 * Sends every lookup without waiting; the page counts what became of them in `loupeOutcomes`
 * (answered, or lost because the worker holding them was stopped).
 */
function fireAndForget(page: Page, jobIds: string[], profileKeys: string[]): Promise<void> {
  return page.evaluate(
    ([ids, keys]) => {
      const scope = globalThis as unknown as {
        chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
        loupeOutcomes: { answered: number; lost: number };
      };
      const outcomes = { answered: 0, lost: 0 };
      scope.loupeOutcomes = outcomes;
      const send = (type: string, payload: unknown) =>
        scope.chrome.runtime.sendMessage({ loupe: 1, type, payload }).then(
          () => outcomes.answered++,
          () => outcomes.lost++,
        );
      for (const id of ids) void send('jobs.detail', { id });
      for (const profileKey of keys) void send('freelancer.byKey', { profileKey });
    },
    [jobIds, profileKeys] as const,
  );
}

function outcomes(page: Page): Promise<{ answered: number; lost: number }> {
  return page.evaluate(() => (globalThis as unknown as { loupeOutcomes: { answered: number; lost: number } }).loupeOutcomes);
}

/** Sends every lookup and waits for all answers. */
function askAll(page: Page, jobIds: string[], profileKeys: string[]): Promise<Reply[]> {
  return page.evaluate(
    ([ids, keys]) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome
        .runtime;
      const send = (type: string, payload: unknown) => runtime.sendMessage({ loupe: 1, type, payload }) as Promise<Reply>;
      return Promise.all([
        ...ids.map((id) => send('jobs.detail', { id })),
        ...keys.map((profileKey) => send('freelancer.byKey', { profileKey })),
      ]);
    },
    [jobIds, profileKeys] as const,
  );
}

async function queueStatus(page: Page) {
  const reply = (await sendFromExtensionPage(page, 'status.get', {})) as Reply;
  expect(reply.ok).toBe(true);
  return reply.data as { queue: { queued: number; inFlight: number; slowedUntil: number | null }; signedIn: boolean };
}

test('a big queue survives a 429 storm and a worker restart, never over the limit, and ends in the cache', async ({
  context,
  sandbox,
  signedInPage,
}) => {
  test.setTimeout(60_000);
  const page = await signedInPage('options.html');
  const jobIds = sandbox.dataset.jobs.slice(0, JOBS).map((job) => job.id);
  const profileKeys = sandbox.dataset.freelancers.slice(0, PROFILES).map((freelancer) => freelancer.profileKey);
  expect(jobIds).toHaveLength(JOBS);
  expect(profileKeys).toHaveLength(PROFILES);
  sandbox.clearLog();

  // (a) Upwork answers 429 to everything for 3 s, from the moment the work is asked for.
  const stormEnds = Date.now() + STORM_MS;
  sandbox.setFaults({ rateLimitUntil: stormEnds });
  await fireAndForget(page, jobIds, profileKeys);
  await expect
    .poll(async () => {
      const { queue } = await queueStatus(page);
      return queue.queued + queue.inFlight;
    })
    .toBe(JOBS + PROFILES);
  await expect.poll(() => graphql(sandbox).some((entry) => entry.status === 429)).toBe(true);
  expect((await queueStatus(page)).queue.slowedUntil).not.toBeNull();

  // (b) Mid-queue, Chrome stops the worker; every answer the page waited for is lost with it.
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  // The stopped worker took every waiting caller with it: no answer will ever come to these.
  await expect.poll(() => outcomes(page)).toEqual({ answered: 0, lost: JOBS + PROFILES });
  expect(answered(sandbox, 'JobDetails')).toBe(0);

  // A ping (which touches no API code) wakes a fresh worker; its start-up takes up the persisted
  // work by itself: nobody asks again.
  expect(await sendFromExtensionPage(page, 'ping', { from: 'options' })).toMatchObject({ ok: true });
  await expect
    .poll(() => answered(sandbox, 'JobDetails') >= JOBS && answered(sandbox, 'FreelancerProfiles') >= PROFILES, { timeout: 30_000 })
    .toBe(true);
  await expect.poll(async () => (await queueStatus(page)).queue).toMatchObject({ queued: 0, inFlight: 0 });

  const log = graphql(sandbox);
  expect(busiestSecond(log)).toBeLessThanOrEqual(UPWORK_PER_SECOND);
  // 429s only inside the injected storm: none caused by Loupe's own pace.
  expect(log.filter((entry) => entry.status === 429 && entry.at >= stormEnds)).toEqual([]);
  expect(log.filter((entry) => entry.status !== 200 && entry.status !== 429)).toEqual([]);

  // Everything is in the cache now: asking again sends nothing to Upwork.
  const requestsBefore = graphql(sandbox).length;
  const replies = await askAll(page, jobIds, profileKeys);
  expect(replies.map((reply) => reply.data?.job?.id ?? reply.data?.freelancer?.profileKey)).toEqual([...jobIds, ...profileKeys]);
  expect(graphql(sandbox).length).toBe(requestsBefore);
});

test('a restart at full pace keeps every second under the limit and loses no work', async ({ context, sandbox, signedInPage }) => {
  const page = await signedInPage('options.html');
  const jobIds = sandbox.dataset.jobs.map((job) => job.id); // all of them: 16 batched requests
  const profileKeys = sandbox.dataset.freelancers.map((freelancer) => freelancer.profileKey);
  sandbox.clearLog();

  await fireAndForget(page, jobIds, profileKeys);
  // As soon as the first batch is answered: the first window's burst goes at once, and the rest soon after.
  await expect.poll(() => answered(sandbox, 'JobDetails'), { timeout: 15_000 }).toBeGreaterThan(0);
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const before = await outcomes(page);
  expect(before.answered + before.lost).toBeGreaterThan(0);

  // A ping wakes a fresh worker, whose start-up resumes the work.
  expect(await sendFromExtensionPage(page, 'ping', { from: 'options' })).toMatchObject({ ok: true });
  await expect
    .poll(() => answered(sandbox, 'JobDetails') >= jobIds.length && answered(sandbox, 'FreelancerProfiles') >= profileKeys.length, {
      timeout: 20_000,
    })
    .toBe(true);
  await expect.poll(async () => (await queueStatus(page)).queue).toMatchObject({ queued: 0, inFlight: 0 });
  const settled = await outcomes(page);
  expect(settled.lost).toBeGreaterThan(0); // the restart really came in the middle
  expect(settled.answered + settled.lost).toBe(jobIds.length + profileKeys.length);

  const log = graphql(sandbox);
  expect(log.filter((entry) => entry.status !== 200)).toEqual([]);
  expect(busiestSecond(log)).toBeLessThanOrEqual(UPWORK_PER_SECOND);

  const requestsBefore = log.length;
  const replies = await askAll(page, jobIds, profileKeys);
  expect(replies.map((reply) => reply.data?.job?.id ?? reply.data?.freelancer?.profileKey)).toEqual([...jobIds, ...profileKeys]);
  expect(graphql(sandbox).length).toBe(requestsBefore);
});

test.describe('a page that goes away cancels what it still waits for', () => {
  /**
   * Signed in, an options page has 50 job lookups queued behind a 429 storm, and the popup
   * (the watcher) reads the queue.
   */
  async function queueBehindStorm({
    openExtensionPage,
    signIn,
    sandbox,
  }: SignInFixtures & { sandbox: Sandbox }): Promise<{ page: Page; watcher: Page }> {
    const watcher = await openSignedIn({ openExtensionPage, signIn }, 'popup.html');
    const page = await openExtensionPage('options.html');
    sandbox.clearLog();
    const jobIds = sandbox.dataset.jobs.slice(0, 50).map((job) => job.id);
    sandbox.setFaults({ rateLimitUntil: Date.now() + 60_000 });
    await fireAndForget(page, jobIds, []);
    await expect
      .poll(async () => {
        const { queue } = await queueStatus(watcher);
        return queue.queued + queue.inFlight;
      })
      .toBe(jobIds.length);
    return { page, watcher };
  }

  async function expectNothingLeft(sandbox: Sandbox, watcher: Page) {
    await expect.poll(async () => (await queueStatus(watcher)).queue).toMatchObject({ queued: 0, inFlight: 0 });
    sandbox.resetFaults();
    await watcher.waitForTimeout(1_500);
    expect(answered(sandbox, 'JobDetails')).toBe(0);
  }

  test('when its tab closes', async ({ openExtensionPage, signIn, sandbox }) => {
    const { page, watcher } = await queueBehindStorm({ openExtensionPage, signIn, sandbox });
    await page.close();
    await expectNothingLeft(sandbox, watcher);
  });

  test('when its tab shows another page (a new document speaks)', async ({ openExtensionPage, signIn, sandbox }) => {
    const { page, watcher } = await queueBehindStorm({ openExtensionPage, signIn, sandbox });
    await page.reload();
    await sendFromExtensionPage(page, 'ping', { from: 'options' }); // the new document's first message
    await expectNothingLeft(sandbox, watcher);
  });
});

test('a stopped worker with nothing sent in the last second starts with the full burst Upwork allows', async ({
  context,
  sandbox,
  signedInPage,
}) => {
  const page = await signedInPage('options.html');
  await page.waitForTimeout(1_100); // sign-in's own request leaves the window
  const cdp = await context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  sandbox.clearLog();

  // Fifteen tiles of fifteen different searches: one request each, nothing to batch.
  const replies = await page.evaluate(() => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<Reply> } } }).chrome.runtime;
    return Promise.all(
      Array.from({ length: 15 }, (_, offset) =>
        runtime.sendMessage({ loupe: 1, type: 'jobs.forTiles', payload: { ids: ['1'], query: { q: 'burst', offset, pageSize: 1 } } }),
      ),
    );
  });
  expect(replies.every((reply) => reply.ok)).toBe(true);
  const arrivals = graphql(sandbox)
    .filter((entry) => entry.operationName !== 'Me' && entry.operationName !== 'JobDetails') // the searches
    .map((entry) => entry.at)
    .sort((a, b) => a - b);
  expect(arrivals).toHaveLength(15);
  const first = arrivals[0] as number;
  // The sandbox's own counter: ten at once (paced at 9.5/s they would span 950 ms), the eleventh
  // only once the first leaves Upwork's window, and never an eleventh in any 1,000 ms.
  expect((arrivals[9] as number) - first).toBeLessThan(900);
  expect((arrivals[10] as number) - first).toBeGreaterThanOrEqual(1000);
  expect(busiestSecond(graphql(sandbox))).toBeLessThanOrEqual(UPWORK_PER_SECOND);
  expect(graphql(sandbox).filter((entry) => entry.status !== 200)).toEqual([]);
});
