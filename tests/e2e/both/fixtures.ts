import { test as base, expect } from '@playwright/test';
import type { Sandbox } from '../../../sandbox/server';
import type { BrowserName, LoupeBrowser } from '../../../testkit/driver';
import { ChromiumDriver } from '../../../testkit/driver-chromium';
import { FirefoxDriver } from '../../../testkit/driver-firefox';
import { workerSandbox } from '../support/sandbox';

/**
 * Fixtures for the scenarios that run in both browsers: the Playwright project picks the browser
 * (`loupeBrowser`), and each test gets Loupe freshly installed in it, the welcome tab it opens
 * closed. Chromium starts a new profile per test (about a second). Firefox is started once per
 * test worker and Loupe is uninstalled and installed again between tests (see FirefoxDriver).
 */

export interface BothOptions {
  /** Which browser the project drives; set per project in playwright.config.ts. */
  loupeBrowser: BrowserName;
}

export interface BothFixtures {
  /** Upwork's consent page shows on sign-in instead of approving at once. */
  consentPage: boolean;
  /** The browser with Loupe freshly installed, *.upwork.com going to the sandbox. */
  loupe: LoupeBrowser;
}

interface WorkerFixtures extends BothOptions {
  /** One sandbox per test worker process, on a free port; reset before each test. */
  sandbox: Sandbox;
  /** The worker's one Firefox (Firefox project only). */
  firefox: FirefoxDriver | null;
}

export const test = base.extend<BothFixtures, WorkerFixtures>({
  loupeBrowser: ['chromium', { option: true, scope: 'worker' }],
  sandbox: workerSandbox,
  firefox: [
    async ({ loupeBrowser, sandbox }, use) => {
      if (loupeBrowser !== 'firefox') return use(null);
      const firefox = await FirefoxDriver.launch({ sandboxPort: sandbox.port });
      await use(firefox);
      await firefox.close();
    },
    // Starting Firefox takes long enough to count against no single test.
    { scope: 'worker', timeout: 120_000 },
  ],
  consentPage: false,
  loupe: async ({ sandbox, consentPage, firefox }, use) => {
    sandbox.resetFaults();
    sandbox.setSearchDivergence(true); // the sandbox's default: a test that switches it off leaves it off for no other
    sandbox.setAutoApprove(!consentPage);
    sandbox.clearLog();
    let loupe: LoupeBrowser;
    if (firefox) {
      await firefox.freshInstall();
      loupe = firefox;
    } else {
      loupe = await ChromiumDriver.launch({ args: sandbox.chromiumArgs });
    }
    // A fresh install opens the welcome page; the scenarios start without it, as most users would close it.
    await (await loupe.waitForWindow('/welcome.html')).close();
    await use(loupe);
    if (!firefox) await loupe.close();
  },
});

export { expect };
