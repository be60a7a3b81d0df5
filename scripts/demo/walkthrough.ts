import type { BrowserContext, Locator, Page } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';

/**
 * The demo's walk through Loupe, as a person would do it: every step checks what the page shows
 * (never what a message answered) and fails with what the user would see instead.
 */

export const SEARCH_URL = 'https://www.upwork.com/nx/search/jobs/?q=&per_page=20';
const WAIT_MS = 20_000;

interface WalkthroughOptions {
  context: BrowserContext;
  extensionId: string;
  sandbox: Sandbox;
  out: string;
  log(line: string): void;
}

interface Step {
  name: string;
  /** Resolves with what was seen; throws with the reason the step failed. */
  run(page: Page): Promise<string>;
}

class StepFailed extends Error {}

/** Waits for a condition the user can see; on time-out, says what was there instead. */
async function until(check: () => Promise<boolean>, instead: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new StepFailed(await instead().catch((error) => String(error)));
}

const textOf = async (locator: Locator) => ((await locator.count()) ? ((await locator.first().textContent()) ?? '').trim() : '');
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 200);

/** The panel Loupe placed for a job or profile has loaded, and its text (or the error it shows). */
async function loadedCard(page: Page, selector: string, what: string): Promise<Locator> {
  const card = page.locator(selector).first();
  const seen = async () =>
    (await card.count())
      ? `the ${what} says "${oneLine(await textOf(card.locator('.loupe-root')))}" (${await card.getAttribute('data-loupe-state')})`
      : `no ${what} on the page`;
  // An error the card already shows is the answer: no need to wait out the clock for it.
  await until(async () => !['loading', null].includes(await card.getAttribute('data-loupe-state')), seen);
  if ((await card.getAttribute('data-loupe-state')) !== 'ready') throw new StepFailed(await seen());
  return card;
}

function steps(options: WalkthroughOptions): Step[] {
  const { context, extensionId, sandbox } = options;
  const shot = async (page: Page, name: string) => {
    const path = `${options.out}/${name}.png`;
    await page.screenshot({ path, fullPage: false });
    return path;
  };
  const extensionPage = async (path: string, width = 1100, height = 800) => {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  const user = sandbox.dataset.user;
  return [
    {
      name: 'Sign in on the options page with the sandbox’s demo API key (loupe-demo)',
      async run() {
        const options = await extensionPage('options.html');
        await options.getByTestId('client-id-input').fill('loupe-demo');
        await options.getByTestId('save-credentials').click();
        await options.getByTestId('sign-in').click();
        const name = options.getByTestId('account-name');
        await until(
          async () => (await textOf(name)).includes(user.name),
          async () => `the options page says "${oneLine(await textOf(options.getByTestId('account-setup')))}"`,
        );
        return `signed in as ${user.name}; ${await shot(options, '1-options')}`;
      },
    },
    {
      name: 'Job search: client stats on every tile',
      async run(page) {
        await page.goto(SEARCH_URL);
        const tiles = page.locator('article[data-ev-job-uid]');
        await until(
          async () => (await tiles.count()) > 0,
          async () => 'the search page shows no job tiles',
        );
        const count = await tiles.count();
        const ready = page.locator('loupe-tile-panel[data-loupe-state="ready"]');
        await until(
          async () => (await ready.count()) === count,
          async () => {
            const stuck = page.locator('loupe-tile-panel:not([data-loupe-state="ready"])');
            return `${await ready.count()} of ${count} tiles show client stats; one says "${oneLine(await textOf(stuck.locator('.loupe-root')))}"`;
          },
        );
        for (let i = 0; i < count; i++) {
          const tile = tiles.nth(i);
          const id = await tile.getAttribute('data-ev-job-uid');
          const job = sandbox.dataset.jobs.find((j) => j.id === id);
          const client = sandbox.dataset.clients.find((c) => c.id === job?.clientId);
          const hires = await textOf(tile.locator('[data-loupe-stat="hires"] .loupe-stat-value'));
          if (!client || hires !== client.totalHires.toLocaleString('en-US')) {
            throw new StepFailed(`tile ${id} shows ${hires || 'no'} hires; the client has ${client?.totalHires ?? 'no record'}`);
          }
        }
        return `${count} of ${count} tiles show their client's hires, spend and rating; ${await shot(page, '2-job-search')}`;
      },
    },
    {
      name: 'Job page: client activity, questions and local time',
      async run(page) {
        const first = page.locator('article[data-ev-job-uid]').first();
        const id = await first.getAttribute('data-ev-job-uid');
        const job = sandbox.dataset.jobs.find((j) => j.id === id);
        await page.goto(`https://www.upwork.com/jobs/~02${id}`);
        const card = await loadedCard(page, 'loupe-job-activity', 'client activity card');
        const invites = await textOf(card.locator('[data-loupe-stat="invitesSent"] dd'));
        if (invites !== String(job?.activity.invitesSent)) {
          throw new StepFailed(`the card shows ${invites || 'no'} invites sent; the job has ${job?.activity.invitesSent}`);
        }
        return `activity card for job ${id}; ${await shot(page, '3-job-detail')}`;
      },
    },
    {
      name: 'Freelancer profile: track record',
      async run(page) {
        const freelancer = sandbox.dataset.freelancers.find((f) => !f.hideJss && f.jobSuccessScore !== null);
        if (!freelancer) throw new StepFailed('the sandbox has no freelancer with a Job Success Score');
        await page.goto(`https://www.upwork.com/freelancers/${freelancer.profileKey}`);
        const card = await loadedCard(page, 'loupe-profile-stats', 'track record');
        const jss = await textOf(card.locator('[data-loupe-stat="jss"] dd'));
        const expected = `${Math.round(freelancer.jobSuccessScore ?? 0)}%`;
        if (jss !== expected) throw new StepFailed(`the track record shows Job Success ${jss || 'blank'}; the profile has ${expected}`);
        return `track record of ${freelancer.profileKey}; ${await shot(page, '4-freelancer')}`;
      },
    },
    {
      name: 'Popup: signed in, today’s requests, no errors',
      async run() {
        const popup = await extensionPage('popup.html', 390, 720);
        const state = popup.getByTestId('auth-state');
        await until(
          async () => (await state.getAttribute('data-state')) === 'signed-in',
          async () => `the popup says "${oneLine(await textOf(state))}"`,
        );
        const lastError = popup.getByTestId('last-error');
        if ((await lastError.count()) && !(await lastError.getAttribute('class'))?.includes('loupe-quiet')) {
          throw new StepFailed(`the popup shows an error: "${oneLine(await textOf(lastError))}"`);
        }
        return `${oneLine(await textOf(state))}; requests today ${await textOf(popup.getByTestId('requests-today'))}; ${await shot(popup, '5-popup')}`;
      },
    },
  ];
}

/** Runs every step, printing ✓ or ✗ with what was seen; returns how many failed. */
export async function runWalkthrough(options: WalkthroughOptions): Promise<number> {
  const page = await options.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  let failures = 0;
  for (const step of steps(options)) {
    try {
      options.log(`✓ ${step.name}: ${await step.run(page)}`);
    } catch (error) {
      failures++;
      const reason = error instanceof StepFailed ? error.message : `could not run: ${String(error).split('\n')[0]}`;
      options.log(`✗ ${step.name}: ${reason}`);
      await page.screenshot({ path: `${options.out}/failed-${failures}.png` }).catch(() => {});
    }
  }
  return failures;
}
