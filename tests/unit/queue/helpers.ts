import { vi } from 'vitest';
import { memoryQueueStorage } from '../../../lib/background/queue/persistence';
import type { RequestQueueOptions } from '../../../lib/background/queue/queue';
import { createRequestQueue } from '../../../lib/background/queue/queue';
import { ApiError } from '../../../lib/upwork/api/errors';
import { createFakeUpwork, type FakeUpwork } from './fake-upwork';

export const START = Date.parse('2025-03-01T12:00:00.000Z');

export function useFakeClock(): void {
  vi.useFakeTimers({ now: START });
}

/** What became of a promise, read without leaving rejections unhandled. */
export interface Outcome<T> {
  settled: boolean;
  value?: T;
  error?: unknown;
}

export function watch<T>(promise: Promise<T>): Outcome<T> {
  const outcome: Outcome<T> = { settled: false };
  promise.then(
    (value) => Object.assign(outcome, { settled: true, value }),
    (error: unknown) => Object.assign(outcome, { settled: true, error }),
  );
  return outcome;
}

export function errorKind(outcome: Outcome<unknown>): string | undefined {
  return outcome.error instanceof ApiError ? outcome.error.kind : undefined;
}

/** Storage that counts writes per key. */
export function countingStorage(initial: Record<string, unknown> = {}) {
  const storage = memoryQueueStorage(initial);
  const writes = new Map<string, number>();
  return {
    data: storage.data,
    writes,
    get: storage.get,
    async set(key: string, value: unknown) {
      writes.set(key, (writes.get(key) ?? 0) + 1);
      await storage.set(key, value);
    },
  };
}

/**
 * A queue in front of the fake Upwork with three kinds: 'jobDetail' (batched by 10; ids starting
 * with "gone" are not found), 'freelancer' (never batched) and 'me'. `answered` records every key
 * whose answer arrived, as a cache would.
 */
export function setup(
  options: Partial<RequestQueueOptions> & { latencyMs?: number; serverLimit?: number } = {},
  storage = options.storage ?? memoryQueueStorage(),
  /** Pass the server and answers of an earlier setup to play a restarted worker against the same Upwork. */
  shared?: { server: FakeUpwork; answered: string[] },
) {
  const server = shared?.server ?? createFakeUpwork({ latencyMs: options.latencyMs, limitPerSecond: options.serverLimit });
  const answered: string[] = shared?.answered ?? [];
  const answer = (kind: string) => (key: string) => {
    answered.push(`${kind}:${key}`);
    return key.startsWith('gone') ? new ApiError('upwork-error', `There is no job ${key} on Upwork.`) : { kind, key };
  };
  const queue = createRequestQueue({ accountKey: 'key-1', now: () => Date.now(), random: () => 0.5, ...options, storage });
  queue.register(server.kind('jobDetail', 10, answer('jobDetail')));
  queue.register(server.kind('freelancer', 1, answer('freelancer')));
  queue.register(server.kind('me', 1, answer('me')));
  return { queue, server, storage, answered };
}
