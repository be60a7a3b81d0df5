import { defineConfig } from '@playwright/test';
import type { BrowserName } from './testkit/driver';

// Three workers, each with its own sandbox and browser, even on CI's two cores: much of a test is
// waiting (on the throttle, a 429 storm, a slow answer, a worker restart), and a test tree uses
// about 10 CPU-seconds in 25 s of wall time. Measured on two cores: 23 min for both tiers with one
// worker, 14.4 with two; the fault suite 11 % faster again with three than with two.
// Two projects: Chromium runs every spec; Firefox runs the scenarios in tests/e2e/both/, which the
// both-browser fixtures drive through puppeteer (Playwright cannot drive a stock Firefox).
export default defineConfig<{ loupeBrowser: BrowserName }>({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 3,
  fullyParallel: false,
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
