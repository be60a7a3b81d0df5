import { jobUrl } from '../../lib/upwork/site/urls';
import type { Sandbox } from '../../sandbox/server';
import type { LoupeBrowser, LoupePage, Selector } from '../../testkit/driver';

/**
 * The demo's walk through Loupe, as a person would do it: every step checks what the page shows
 * (never what a message answered) and fails with what the user would see instead. It speaks only
 * through testkit/driver.ts, so the same walk runs in Chromium and in Firefox.
 */

export const SEARCH_URL = 'https://www.upwork.com/nx/search/jobs/?q=&per_page=20';
const WAIT_MS = 20_000;

interface WalkthroughOptions {
  loupe: LoupeBrowser;
  sandbox: Sandbox;
  out: string;
  log(line: string): void;
}

interface Step {
  name: string;
  /** Resolves with what was seen; throws with the reason the step failed. */
  run(page: LoupePage): Promise<string>;
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

const testId = (id: string) => `[data-testid="${id}"]`;
const textOf = async (page: LoupePage, selector: Selector) => (await page.text(selector)) ?? '';
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 200);

/** The panel Loupe placed for a job or profile has loaded (or the error it shows). */
async function loadedCard(page: LoupePage, card: string, what: string): Promise<void> {
  const state = () => page.attribute(card, 'data-loupe-state');
  const seen = async () =>
    (await page.count(card))
      ? `the ${what} says "${oneLine(await textOf(page, [card, '.loupe-root']))}" (${await state()})`
      : `no ${what} on the page`;
  // An error the card already shows is the answer: no need to wait out the clock for it.
  await until(async () => !['loading', null].includes(await state()), seen);
  if ((await state()) !== 'ready') throw new StepFailed(await seen());
}

function steps(options: WalkthroughOptions): Step[] {
  const { loupe, sandbox } = options;
  const shot = async (page: LoupePage, name: string) => {
    const path = `${options.out}/${name}.png`;
    await page.screenshot(path);
    return path;
  };
  const extensionPage = async (path: string, width = 1100, height = 800) => {
    const page = await loupe.openExtensionPage(path);
    await page.setViewport(width, height);
    return page;
  };
  const user = sandbox.dataset.user;
  return [
    {
      name: 'Sign in on the options page with the sandbox’s demo API key (loupe-demo)',
      async run() {
        const options = await extensionPage('options.html');
        await options.fill(testId('client-id-input'), 'loupe-demo');
        await options.click(testId('save-credentials'));
        await options.click(testId('sign-in'));
        await until(
          async () => (await textOf(options, testId('account-name'))).includes(user.name),
          async () => `the options page says "${oneLine(await textOf(options, testId('account-setup')))}"`,
        );
        return `signed in as ${user.name}; ${await shot(options, '1-options')}`;
      },
    },
    {
      name: 'Job search: client stats on every tile',
      async run(page) {
        await page.goto(SEARCH_URL);
        const tiles = 'article[data-ev-job-uid]';
        await until(
          async () => (await page.count(tiles)) > 0,
          async () => 'the search page shows no job tiles',
        );
        const count = await page.count(tiles);
        const ready = () => page.count('loupe-tile-panel[data-loupe-state="ready"]');
        await until(
          async () => (await ready()) === count,
          async () => {
            const stuck = await textOf(page, ['loupe-tile-panel:not([data-loupe-state="ready"])', '.loupe-root']);
            return `${await ready()} of ${count} tiles show client stats; one says "${oneLine(stuck)}"`;
          },
        );
        for (const id of await page.attributes(tiles, 'data-ev-job-uid')) {
          const job = sandbox.dataset.jobs.find((j) => j.id === id);
          const client = sandbox.dataset.clients.find((c) => c.id === job?.clientId);
          const hires = await textOf(page, [`${tiles}[data-ev-job-uid="${id}"]`, '[data-loupe-stat="hires"] .loupe-stat-value']);
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
        const id = await page.attribute('article[data-ev-job-uid]', 'data-ev-job-uid');
        const job = sandbox.dataset.jobs.find((j) => j.id === id);
        await page.goto(jobUrl(String(id)));
        await loadedCard(page, 'loupe-job-activity', 'client activity card');
        const invites = await textOf(page, ['loupe-job-activity', '[data-loupe-stat="invitesSent"] dd']);
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
        await loadedCard(page, 'loupe-profile-stats', 'track record');
        const jss = await textOf(page, ['loupe-profile-stats', '[data-loupe-stat="jss"] dd']);
        const expected = `${Math.round(freelancer.jobSuccessScore ?? 0)}%`;
        if (jss !== expected) throw new StepFailed(`the track record shows Job Success ${jss || 'blank'}; the profile has ${expected}`);
        return `track record of ${freelancer.profileKey}; ${await shot(page, '4-freelancer')}`;
      },
    },
    {
      name: 'Popup: signed in, today’s requests, no errors',
      async run() {
        const popup = await extensionPage('popup.html', 390, 720);
        const state = testId('auth-state');
        await until(
          async () => (await popup.attribute(state, 'data-state')) === 'signed-in',
          async () => `the popup says "${oneLine(await textOf(popup, state))}"`,
        );
        const lastError = testId('last-error');
        if ((await popup.count(lastError)) && !(await popup.attribute(lastError, 'class'))?.includes('loupe-quiet')) {
          throw new StepFailed(`the popup shows an error: "${oneLine(await textOf(popup, lastError))}"`);
        }
        return `${oneLine(await textOf(popup, state))}; requests today ${await textOf(popup, testId('requests-today'))}; ${await shot(popup, '5-popup')}`;
      },
    },
  ];
}

/** Runs every step, printing ✓ or ✗ with what was seen; returns how many failed. */
export async function runWalkthrough(options: WalkthroughOptions): Promise<number> {
  const page = await options.loupe.openPage('about:blank');
  await page.setViewport(1280, 900);
  let failures = 0;
  for (const step of steps(options)) {
    try {
      options.log(`✓ ${step.name}: ${await step.run(page)}`);
    } catch (error) {
      failures++;
      const reason = error instanceof StepFailed ? error.message : `could not run: ${String(error).split('\n')[0]}`;
      options.log(`✗ ${step.name}: ${reason}`);
      await page.screenshot(`${options.out}/failed-${failures}.png`).catch(() => {});
    }
  }
  return failures;
}
