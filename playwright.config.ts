import { defineConfig } from '@playwright/test';
import type { BrowserName } from './testkit/driver';

// One worker: the machines have two cores, and each test runs a whole browser plus the sandbox.
// Two projects: Chromium runs every spec; Firefox runs the scenarios in tests/e2e/both/, which the
// both-browser fixtures drive through puppeteer (Playwright cannot drive a stock Firefox).
export default defineConfig<{ loupeBrowser: BrowserName }>({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  // Runs that build into their own LOUPE_OUT_DIR keep their traces there too, so they never collide.
  outputDir: process.env.LOUPE_OUT_DIR ? `${process.env.LOUPE_OUT_DIR}/test-results` : 'test-results',
  use: { trace: 'retain-on-failure' },
  projects: [
    { name: 'chromium', use: { loupeBrowser: 'chromium' } },
    { name: 'firefox', testDir: 'tests/e2e/both', use: { loupeBrowser: 'firefox' } },
  ],
});
