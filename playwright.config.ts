import { defineConfig } from '@playwright/test';

// One worker: the machines have two cores, and each test runs a whole Chromium plus the sandbox.
export default defineConfig({
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
});
