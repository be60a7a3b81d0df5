import type { Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import { askForTilesOneByOne, expectEveryTile, expectNeverLimited, newestJobs, openPage, type Reply, SEARCH } from './support/faults';
import { apiStatus, expectNoRequestOverLimit, expectUserDataIntact, graphqlEntries, stopWorkers, tokenRequests } from './support/security';

/**
 * Sign-in and worker faults in real Chromium: the access token expiring with lookups queued, a
 * revoked refresh token, the service worker stopped mid-queue. Queued work finishes or fails with a
 * reason, the user's data stays, and no second goes over Upwork's limit.
 */

test.describe('sign-in trouble', () => {
  /**
   * 50 lookups queued (one mirrored search page each, so each is its own request); answers take
   * 300 ms, so several requests are on the wire when Upwork stops accepting the access token.
   */
  async function expireWhileQueued(options: Page, sandbox: Sandbox) {
    const newest = newestJobs(sandbox, 50);
    sandbox.setFaults({ latencyMs: 300 });
    sandbox.clearLog();
    const pending = askForTilesOneByOne(
      options,
      newest.map((job) => job.id),
    );
    await expect.poll(() => graphqlEntries(sandbox).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(8);
    sandbox.expireAccessTokens();
    return { newest, replies: (await pending) as Reply[] };
  }

  test('the access token expires while 50 lookups are queued: one shared renewal, all 50 answered, no second over the limit', async ({
    options,
    sandbox,
  }) => {
    const { newest, replies } = await expireWhileQueued(options, sandbox);
    expect(replies.filter((reply) => !reply.ok)).toEqual([]);
    // Each answer carries its job: from the mirrored search, or (if other tests' jobs shifted the
    // pages) from the job's own detail.
    replies.forEach((reply, index) => {
      const data = reply.data as { jobs: { id: string }[]; partial?: Record<string, unknown> };
      const id = newest[index]?.id as string;
      expect(data.jobs.some((job) => job.id === id) || Object.hasOwn(data.partial ?? {}, id), `lookup ${index}`).toBe(true);
    });
    const tokens = tokenRequests(sandbox);
    expect(tokens, 'one shared renewal').toHaveLength(1);
    expect(tokens[0]?.status).toBe(200);
    const log = graphqlEntries(sandbox);
    // Only requests already on the wire met the expired token (the queue sends at most 6 at once).
    expect(log.filter((entry) => entry.status === 401).length).toBeLessThanOrEqual(6);
    expect(log.filter((entry) => entry.status === 200).length).toBeGreaterThanOrEqual(50);
    // Every request that met the expired token was sent again through the queue's bucket, not at
    // the same instant on top of the queue's own pace.
    expectNeverLimited(sandbox);
    await expectUserDataIntact(options);
  });

  test('a revoked refresh token: one quiet line on the page, the reason in the popup, queued work fails with it, data kept', async ({
    context,
    options,
    openExtensionPage,
    sandbox,
  }) => {
    sandbox.revokeRefreshTokens();
    sandbox.expireAccessTokens();
    sandbox.clearLog();

    const ids = sandbox.dataset.jobs.slice(10, 15).map((job) => job.id);
    const replies = (await Promise.all(ids.map((id) => sendFromExtensionPage(options, 'jobs.detail', { id })))) as Reply[];
    for (const reply of replies) {
      expect(reply).toMatchObject({ ok: false, error: { code: 'signed-out' } });
      expect(reply.error?.message).toMatch(/sign/i);
    }
    const tokens = tokenRequests(sandbox);
    expect(tokens, 'one renewal attempt for all of them').toHaveLength(1);

    const { page, errors } = await openPage(context, SEARCH);
    const notice = page.locator('loupe-notice[data-loupe-notice="signed-out"]');
    await expect(notice).toHaveCount(1);
    await expect(notice).toContainText('Sign in to Loupe');
    await expect(page.locator('[data-loupe-section="client-stats"]')).toHaveCount(0);

    const popup = await openExtensionPage('popup.html');
    await expect(popup.getByTestId('auth-state')).toHaveAttribute('data-state', 'signed-out');
    await expect(popup.getByTestId('auth-error')).toContainText('Sign in again');
    await expectUserDataIntact(options);

    // Signing in again brings everything back.
    await popup.getByTestId('sign-in').click();
    await expect(popup.getByTestId('account-name')).toBeVisible();
    await page.reload();
    await expectEveryTile(page, 'ready');
    expect(errors).toEqual([]);
  });
});

test.describe('the worker', () => {
  test('stopped in the middle of a queue and started again: no lookup is lost, few are redone, none over the limit', async ({
    context,
    options,
    sandbox,
  }) => {
    // One-job "pages" mirrored one by one: each finds its job only where the page's search is the API's.
    sandbox.setSearchDivergence(false);
    const newest = newestJobs(sandbox, 40);
    const ask = (ids: string[]) => askForTilesOneByOne(options, ids, { whenLost: 'report' });
    sandbox.clearLog();
    const first = ask(newest.map((job) => job.id));
    await expect.poll(() => graphqlEntries(sandbox).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(8);
    await stopWorkers(context, options);
    const stoppedAt = Date.now();
    const outcomes = (await first) as (Reply | { lost: string })[];
    // The callers whose worker went away hear so; their work was written down before it was sent.
    expect(outcomes.some((outcome) => 'lost' in outcome)).toBe(true);

    // The next event starts a fresh worker, which takes the unfinished work up by itself.
    expect(await sendFromExtensionPage(options, 'ping', { from: 'options' })).toMatchObject({ ok: true });
    await expect
      .poll(() => graphqlEntries(sandbox).filter((entry) => entry.status === 200).length, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(40);
    await expect
      .poll(
        async () => {
          const { queue } = await apiStatus(options);
          return queue.queued + queue.inFlight;
        },
        { timeout: 15_000 },
      )
      .toBe(0);
    const searches = graphqlEntries(sandbox).filter((entry) => entry.operationName === 'JobSearch' && entry.status === 200);
    // Each lookup at least once; redone only if it was on the wire (at most 6) or finished in the
    // last second before the stop (the queue records finished work within 1 s, at most 8/s).
    expect(searches.length).toBeGreaterThanOrEqual(40);
    expect(searches.length).toBeLessThanOrEqual(40 + 6 + 8);
    expect(graphqlEntries(sandbox).some((entry) => entry.at > stoppedAt)).toBe(true);

    // Everything landed in the cache: asking again sends nothing.
    const before = graphqlEntries(sandbox).length;
    const again = (await ask(newest.map((job) => job.id))) as Reply[];
    expect(again.every((reply) => 'ok' in reply && reply.ok)).toBe(true);
    expect(
      graphqlEntries(sandbox)
        .slice(before)
        .map((e) => `${e.operationName} ${e.status}`),
    ).toEqual([]);
    expectNoRequestOverLimit(sandbox);
    await expectUserDataIntact(options);
  });
});
