import { type Sandbox, startSandbox } from '../../../sandbox/server';

/**
 * The worker-scoped `sandbox` fixture every e2e suite uses: one sandbox per test worker process,
 * on a free port, approving sign-ins at once. (Playwright reads the `{}` pattern to learn that it
 * needs no other fixture.)
 */
export const workerSandbox: [(fixtures: object, use: (sandbox: Sandbox) => Promise<void>) => Promise<void>, { scope: 'worker' }] = [
  // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring pattern
  async ({}, use: (sandbox: Sandbox) => Promise<void>) => {
    const sandbox = await startSandbox({ port: 0, autoApprove: true, quiet: true });
    await use(sandbox);
    await sandbox.close();
  },
  { scope: 'worker' },
];
