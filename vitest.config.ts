import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    // A feature's tests live in its folder (lib/features/<name>/).
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/sandbox/**/*.test.ts', 'lib/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    restoreMocks: true,
    // Files share their worker's module cache instead of re-importing zod, graphql and the sandbox
    // each: the tier takes about 45 s instead of 140 s. setup.ts resets the fake browser before
    // every test; a test finds its own records by what it wrote, never by position.
    pool: 'threads',
    isolate: false,
    testTimeout: 15_000,
  },
});
