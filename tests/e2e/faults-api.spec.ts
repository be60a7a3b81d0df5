import { sendFromExtensionPage } from '../../testkit/messages';
import { SEARCH_TILE as TILE } from './both/steps';
import { expect, test } from './fixtures';
import {
  askAgain,
  expectEveryTile,
  expectNoHarm,
  openPage,
  panelStates,
  type Reply,
  requestsBetween,
  SEARCH,
  sectionText,
  UPWORK_TROUBLE,
  untilSettled,
} from './support/faults';
import { apiStatus, expectUserDataIntact, graphqlEntries, pageErrors } from './support/security';

/**
 * Upwork's API misbehaving, in real Chromium against the sandbox's fault switches: a 429 storm,
 * slow answers, 5xx, malformed JSON, schema drift, a missing scope, the network gone. For each: the
 * page never breaks, the user gets a plain message, queued work finishes or fails with a reason,
 * settings, notes and block list stay intact, and the sandbox's log shows no second with more
 * requests than Upwork allows.
 */

test.describe('Upwork’s API misbehaves', () => {
  test('a 30-second 429 storm: the popup and every tile say Upwork is limiting requests, then everything arrives', async ({
    context,
    options,
    openExtensionPage,
    sandbox,
  }) => {
    test.setTimeout(240_000);
    sandbox.clearLog();
    const stormStart = Date.now();
    // Long enough to outlast a slow page load and the popup's first look, short enough for CI.
    const stormEnd = stormStart + 30_000;
    sandbox.setFaults({ rateLimitUntil: stormEnd });

    const { page, errors } = await openPage(context, SEARCH);
    const tiles = await page.locator(TILE).count();
    expect(tiles).toBeGreaterThan(0);

    // During the storm: the popup names the cause in plain words; the tiles say they are loading.
    const popup = await openExtensionPage('popup.html');
    await expect(popup.getByTestId('last-error')).toContainText('Upwork said Loupe sent too many requests', { timeout: 20_000 });
    await expect(popup.getByTestId('queue-rate')).toContainText('slowed down after Upwork said “too many requests”');
    // The queue is slowed while the storm lasts; between a back-off's end and the next 429 it may
    // briefly not be, so ask until it says so.
    await expect.poll(async () => ((await apiStatus(options)).queue.slowedUntil ?? 0) > Date.now(), { timeout: 15_000 }).toBe(true);
    // Each tile says why it waits, and asks again by itself when the slow-down ends.
    await expect.poll(() => panelStates(page), { timeout: 20_000 }).toEqual({ limited: tiles });
    expect(await sectionText(page.locator(TILE).first())).toContain('Upwork is limiting requests; stats in a moment.');

    // After it: every tile gets its data, with nothing lost on the way.
    await expectEveryTile(page, 'ready', 150_000);
    const done = Date.now();
    expect(done).toBeGreaterThan(stormEnd);

    const inStorm = requestsBetween(sandbox, stormStart, stormEnd);
    // Backing off: a handful of tries in half a minute, not a flood.
    expect(inStorm.length).toBeGreaterThan(0);
    expect(inStorm.length).toBeLessThanOrEqual(12);
    expect(inStorm.every((entry) => entry.status === 429)).toBe(true);
    expect(requestsBetween(sandbox, stormEnd, done + 1).every((entry) => entry.status === 200)).toBe(true);
    await expectNoHarm(sandbox, options, errors);
  });

  test('10-second answers: tiles and the job page wait, then fill in, each lookup sent once', async ({ context, options, sandbox }) => {
    test.setTimeout(90_000);
    sandbox.setFaults({ latencyMs: 10_000 });
    sandbox.clearLog();
    // A search page and a job page open side by side, both waiting on Upwork.
    const page = await context.newPage();
    const jobPage = await context.newPage();
    const errors = pageErrors(page);
    const jobPageErrors = pageErrors(jobPage);
    const id = sandbox.dataset.jobs.at(-1)?.id as string;
    await Promise.all([page.goto(SEARCH), jobPage.goto(`https://www.upwork.com/jobs/~02${id}`)]);
    await expect(page.locator('loupe-tile-panel[data-loupe-state="loading"]').first()).toBeVisible();
    expect(await sectionText(page.locator(TILE).first())).toContain('Loading client stats…');
    const card = jobPage.locator('loupe-job-activity');
    await expect(card).toHaveAttribute('data-loupe-state', 'loading');
    await expect(card).toContainText('Loading client activity…');
    await expectEveryTile(page, 'ready', 40_000);
    await expect(card).toHaveAttribute('data-loupe-state', 'ready', { timeout: 40_000 });

    const log = graphqlEntries(sandbox);
    expect(log.every((entry) => entry.status === 200)).toBe(true);
    expect(log.every((entry) => entry.durationMs >= 9_900)).toBe(true);
    // Nobody gave up and asked again while Upwork was slow: one lookup request per 25 tiles.
    const operations = log.map((entry) => entry.operationName);
    expect(operations.filter((name) => name === 'JobLookups')).toHaveLength(Math.ceil((await page.locator(TILE).count()) / 25));
    await expectNoHarm(sandbox, options, [...errors, ...jobPageErrors]);
  });

  test('30% of answers 5xx: lookups are retried and finish, or say plainly that Upwork is having trouble', async ({
    context,
    options,
    sandbox,
  }) => {
    sandbox.setFaults({ serverErrorRate: 0.3 });
    sandbox.clearLog();
    const page = await context.newPage();
    const errors = pageErrors(page);
    for (const url of [SEARCH, 'https://www.upwork.com/nx/search/jobs/?q=python', 'https://www.upwork.com/nx/find-work/most-recent']) {
      await page.goto(url);
      // Loupe marks the tiles once its features have started, a moment after the page loads.
      await expect(page.locator('[data-loupe-tile]').first()).toBeAttached();
      // Every tile settles: data, or a plain reason with a way to try again.
      await untilSettled(page, 30_000);
      for (const tile of await page.locator('[data-loupe-tile]').all()) {
        const state = await tile.locator('loupe-tile-panel').getAttribute('data-loupe-state');
        if (state === 'error')
          expect(await sectionText(tile)).toMatch(
            /Upwork’s API is having trouble \(HTTP 50\d\)|Upwork's API is having trouble \(HTTP 50\d\)/,
          );
        else expect(state).toBe('ready');
      }
    }
    // Lookup by lookup (one at a time, so the log says which requests were whose): a 5xx is retried
    // at most three times; a lookup fails only after four 5xx in a row, and then says so plainly.
    const ids = sandbox.dataset.jobs.slice(40, 60).map((job) => job.id);
    const tally = { ok: 0, failed: 0, retried: 0 };
    for (const id of ids) {
      const started = Date.now();
      const reply = (await sendFromExtensionPage(options, 'jobs.detail', { id })) as Reply;
      const mine = graphqlEntries(sandbox).filter((entry) => entry.at >= started);
      expect(mine.length, `requests for job ${id}`).toBeGreaterThanOrEqual(1);
      expect(mine.length, `requests for job ${id}`).toBeLessThanOrEqual(4);
      expect(mine.slice(0, -1).every((entry) => entry.status >= 500)).toBe(true);
      if (mine.length > 1) tally.retried += 1;
      if (reply.ok) {
        tally.ok += 1;
        expect(mine.at(-1)?.status).toBe(200);
      } else {
        tally.failed += 1;
        expect(mine.map((entry) => entry.status >= 500)).toEqual([true, true, true, true]);
        expect(reply.error?.message).toMatch(UPWORK_TROUBLE);
      }
    }
    expect(tally.retried, JSON.stringify(tally)).toBeGreaterThan(0);
    expect(tally.ok).toBeGreaterThan(tally.failed);
    // When every answer is a 5xx, a lookup stops after four tries and says why.
    sandbox.setFaults({ serverErrorRate: 1 });
    const started = Date.now();
    const given = (await sendFromExtensionPage(options, 'jobs.detail', { id: sandbox.dataset.jobs[61]?.id })) as Reply;
    expect(given).toMatchObject({ ok: false, error: { code: 'upwork-error' } });
    expect(given.error?.message).toMatch(UPWORK_TROUBLE);
    expect(graphqlEntries(sandbox).filter((entry) => entry.at >= started)).toHaveLength(4);
    await expectNoHarm(sandbox, options, errors);
  });

  test('malformed JSON: tiles say the answer could not be read, nothing bad is cached, Retry works once Upwork is fixed', async ({
    context,
    options,
    sandbox,
  }) => {
    sandbox.setFaults({ malformedJsonRate: 1 });
    const { page, errors } = await openPage(context, SEARCH);
    await expectEveryTile(page, 'error');
    const first = page.locator(TILE).first();
    expect(await sectionText(first)).toContain('could not be read');
    sandbox.setFaults({ malformedJsonRate: 0 });
    await askAgain(first);
    await expect(first.locator('loupe-tile-panel')).toHaveAttribute('data-loupe-state', 'ready');
    // A fresh page after the fault gets full data: the broken answers were never cached.
    await page.reload();
    await expectEveryTile(page, 'ready');
    await expectNoHarm(sandbox, options, errors);
  });

  for (const drift of ['missing-field', 'wrong-type'] as const) {
    test(`schema drift (${drift}): tiles show what is known or say what was wrong, never a wrong number`, async ({
      context,
      options,
      sandbox,
    }) => {
      sandbox.setFaults({ schemaDrift: drift });
      const page = await context.newPage();
      const errors = pageErrors(page);
      await page.goto(SEARCH);
      await untilSettled(page, 20_000);
      const states = await panelStates(page);
      expect(
        Object.keys(states).every((state) => ['ready', 'missing', 'error'].includes(state)),
        JSON.stringify(states),
      ).toBe(true);
      for (const tile of await page.locator(TILE).all()) {
        const text = await sectionText(tile);
        expect(text).not.toMatch(/NaN|undefined|null|\[object/);
        const state = await tile.locator('loupe-tile-panel').getAttribute('data-loupe-state');
        // A job whose search entry Loupe could not read says so instead of guessing its client's numbers.
        if (state === 'missing') expect(text).toMatch(/no spend, hires or rating from the API for this job|no client stats for this job/);
        // A job whose answer could not be read names what was wrong with it, and offers Retry.
        if (state === 'error') expect(text).toMatch(/Upwork's answer for job \d+ (was missing|had) .*Retry/);
      }
      await expectNoHarm(sandbox, options, errors);
    });
  }

  test('a missing scope: one plain line about the API key’s permissions, and no retry storm', async ({ context, options, sandbox }) => {
    sandbox.setFaults({ missingScopes: ['pub-marketplace-job-postings:read:all'] });
    sandbox.clearLog();
    const { page, errors } = await openPage(context, SEARCH);
    await expectEveryTile(page, 'error');
    expect(await sectionText(page.locator(TILE).first())).toContain('Your API key lacks permission to read');
    // The lookups failed for lack of a scope, and nothing asked again: one request per 25 tiles.
    const log = graphqlEntries(sandbox);
    const tiles = await page.locator(TILE).count();
    expect(log.map((entry) => entry.operationName)).toEqual(Array(Math.ceil(tiles / 25)).fill('JobLookups'));
    expect(log.every((entry) => entry.status === 200)).toBe(true); // errors[] answers come with HTTP 200
    const reply = (await sendFromExtensionPage(options, 'jobs.detail', { id: sandbox.dataset.jobs[0]?.id })) as Reply;
    expect(reply).toMatchObject({ ok: false, error: { code: 'missing-scope' } });
    await expectUserDataIntact(options);
    expect(errors).toEqual([]);
  });

  test('the network gone and back: lookups fail with a plain reason, then work again', async ({ context, options, sandbox }) => {
    // Upwork's API unreachable while its page still loads: tiles explain, and Retry works when it is back.
    await context.route('https://api.upwork.com/**', (route) => route.abort('internetdisconnected'));
    const { page, errors } = await openPage(context, 'https://www.upwork.com/nx/search/jobs/?q=python');
    await expectEveryTile(page, 'error', 30_000);
    const first = page.locator(TILE).first();
    expect(await sectionText(first)).toContain("Loupe could not reach Upwork's API. Check your internet connection");
    await context.unroute('https://api.upwork.com/**');
    for (const tile of await page.locator(TILE).all()) await askAgain(tile);
    await expectEveryTile(page, 'ready');

    // The whole browser offline, the worker included: a lookup from an extension page.
    const id = sandbox.dataset.jobs.at(-5)?.id as string;
    await context.setOffline(true);
    const offline = (await sendFromExtensionPage(options, 'jobs.detail', { id })) as Reply;
    expect(offline).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(offline.error?.message).toContain('Check your internet connection');
    await context.setOffline(false);
    expect(await sendFromExtensionPage(options, 'jobs.detail', { id })).toMatchObject({ ok: true, data: { job: { id } } });
    await expectNoHarm(sandbox, options, errors);
  });
});
