import { defineConfig } from '@playwright/test';
import type { BrowserName } from './testkit/driver';

// Two workers, each with its own sandbox: most of a test is waiting (on a 429 storm, a slow answer,
// a worker restart), so two share the machines' two cores well. Measured on two cores, both tiers:
// 23 min with one worker, 14.4 with two, 14.7 with three (the cores are then the limit).
// Two projects: Chromium runs every spec; Firefox runs the scenarios in tests/e2e/both/, which the
// both-browser fixtures drive through puppeteer (Playwright cannot drive a stock Firefox).
export default defineConfig<{ loupeBrowser: BrowserName }>({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 2,
  fullyParallel: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  // Runs that build into their own LOUPE_OUT_DIR keep their traces there too, so they never collide.
  outputDir: process.env.LOUPE_OUT_DIR ? `${process.env.LOUPE_OUT_DIR}/test-results` : 'test-results',
  // CI shows only what the run prints, and recording a trace of every test costs a fifth of the run
  // there; one retry on CI, reported as flaky, keeps a machine's hiccup from hiding the rest.
  use: { trace: process.env.CI ? 'off' : 'retain-on-failure' },
  retries: process.env.CI ? 1 : 0,
  projects: [
    { name: 'chromium', use: { loupeBrowser: 'chromium' } },
    { name: 'firefox', testDir: 'tests/e2e/both', use: { loupeBrowser: 'firefox' } },
  ],
});
