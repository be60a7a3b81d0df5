import { generateDataset } from '../../sandbox/data/generate';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { sandboxTokens } from '../../testkit/sandbox-auth';
import type { BenchContext } from './types';

/** Upwork's limit, which the sandbox enforces per IP over any 1,000 ms. */
export const UPWORK_RATE_LIMIT = 10;

/**
 * Starts the sandbox in-process with Upwork's rate limit on and enough jobs for every scenario,
 * and signs in through its OAuth code flow (the same Node helper the sandbox tests use).
 */
export async function createBenchContext(jobsNeeded: number): Promise<BenchContext> {
  const sandbox: Sandbox = await startSandbox({
    port: 0,
    autoApprove: true,
    quiet: true,
    ratePerSecond: UPWORK_RATE_LIMIT,
    dataset: generateDataset(1, { jobs: Math.ceil(jobsNeeded * 1.1) }),
  });
  try {
    const { source } = await sandboxTokens(sandbox);
    const accountKey = await source.getAccountKey();
    if (!accountKey) throw new Error('The sandbox sign-in gave no account.');
    const jobIds = sandbox.dataset.jobs.map((job) => job.id);
    if (jobIds.length < jobsNeeded) throw new Error(`The sandbox has ${jobIds.length} jobs; the bench needs ${jobsNeeded}.`);
    return { sandbox, tokens: source, accountKey, jobIds, shared: new Map(), atEnd: [] };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
