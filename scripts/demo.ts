// `npm run demo`: builds Loupe, starts the sandbox, and opens Chromium with the extension on the
// sandbox's job search page. With a display it is a real window you use; without one it walks
// through sign-in and the main pages headless, saves screenshots and prints what it did.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { BrowserContext, Page } from '@playwright/test';
import { build } from 'wxt';
import { type Sandbox, startSandbox } from '../sandbox/server';
import { extensionIdOf, launchWithExtension, serviceWorkerOf } from '../testkit/extension';
import { sendFromExtensionPage } from '../testkit/messages';

const { values: flags } = parseArgs({
  options: {
    port: { type: 'string', default: '8443' },
    seed: { type: 'string', default: '1' },
    headless: { type: 'boolean', default: !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY },
    out: { type: 'string', default: 'demo-screenshots' },
  },
});

const SEARCH_URL = 'https://www.upwork.com/nx/search/jobs/?q=&per_page=20';

interface Step {
  name: string;
  run(page: Page): Promise<string>;
}

async function shot(page: Page, name: string): Promise<string> {
  const path = `${flags.out}/${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}

function walkthrough(context: BrowserContext, extensionId: string, sandbox: Sandbox): Step[] {
  const extensionPage = async (path: string) => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.goto(`chrome-extension://${extensionId}/${path}`);
    return page;
  };
  return [
    {
      name: 'Sign in with the sandbox’s demo API key (loupe-demo)',
      async run() {
        const options = await extensionPage('options.html');
        const configured = await sendFromExtensionPage(options, 'auth.configure', { clientId: 'loupe-demo' });
        const signedIn = await sendFromExtensionPage(options, 'auth.signIn', {});
        await options.reload();
        await options.waitForTimeout(500);
        return `configure: ${JSON.stringify(configured)}; sign-in: ${JSON.stringify(signedIn).slice(0, 160)}; ${await shot(options, '1-options')}`;
      },
    },
    {
      name: 'Job search: client stats on every tile',
      async run(page) {
        await page.goto(SEARCH_URL);
        await page.locator('html[data-loupe-tiles-annotated]').waitFor({ state: 'attached', timeout: 15_000 });
        await page.waitForTimeout(500);
        const tiles = await page.locator('article[data-ev-job-uid]').count();
        return `${tiles} tiles; ${await shot(page, '2-job-search')}`;
      },
    },
    {
      name: 'Job page: client activity, questions and local time',
      async run(page) {
        const href = await page.locator('[data-test="job-tile-title-link"]').first().getAttribute('href');
        await page.goto(new URL(href ?? '/', 'https://www.upwork.com').toString());
        await page.waitForTimeout(1_500);
        return shot(page, '3-job-detail');
      },
    },
    {
      name: 'Freelancer profile: track record',
      async run(page) {
        const key = sandbox.dataset.freelancers[0]?.profileKey;
        await page.goto(`https://www.upwork.com/freelancers/${key}`);
        await page.waitForTimeout(1_500);
        return shot(page, '4-freelancer');
      },
    },
    {
      name: 'Popup: account, queue and quota',
      async run() {
        const popup = await extensionPage('popup.html');
        await popup.setViewportSize({ width: 390, height: 720 });
        await popup.waitForTimeout(800);
        return shot(popup, '5-popup');
      },
    },
  ];
}

async function main(): Promise<void> {
  console.log('Building Loupe for Chrome…');
  await build({ browser: 'chrome' });
  const sandbox = await startSandbox({ port: Number(flags.port), seed: Number(flags.seed), autoApprove: flags.headless, quiet: true });
  console.log(`Sandbox on ${sandbox.origin} (answers as www.upwork.com and api.upwork.com).`);
  const context = await launchWithExtension({ args: sandbox.chromiumArgs, headless: flags.headless });
  const extensionId = extensionIdOf(await serviceWorkerOf(context));
  const stop = async () => {
    await context.close().catch(() => {});
    await sandbox.close();
  };
  process.once('SIGINT', () => {
    console.log('\nStopping the browser and the sandbox.');
    void stop().then(() => process.exit(0));
  });

  if (!flags.headless) {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const search = await context.newPage();
    await search.goto(SEARCH_URL);
    console.log('Chromium is open. Sign in on the options tab with the client id "loupe-demo", then browse the job search tab.');
    console.log('Press Ctrl-C to stop everything.');
    return;
  }

  mkdirSync(flags.out, { recursive: true });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  let failures = 0;
  for (const step of walkthrough(context, extensionId, sandbox)) {
    try {
      console.log(`✓ ${step.name}: ${await step.run(page)}`);
    } catch (error) {
      failures++;
      console.log(`✗ ${step.name}: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
      await shot(page, `failed-${failures}`).catch(() => {});
    }
  }
  const apiRequests = sandbox.requestLog.filter((entry) => entry.path === '/graphql');
  console.log(`API requests made: ${apiRequests.length}, answered 429: ${apiRequests.filter((e) => e.status === 429).length}.`);
  console.log(`Screenshots are in ${flags.out}/.`);
  await stop();
  process.exit(failures ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
