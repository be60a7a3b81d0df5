import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/upwork/api/errors';
import { maxInAnyWindow } from './fake-upwork';
import { errorKind, START, setup, useFakeClock, watch } from './helpers';

beforeEach(useFakeClock);
afterEach(() => {
  vi.useRealTimers();
});

describe('order', () => {
  it("sends 'now' work before background work, first come first served within each", async () => {
    const { queue, server } = setup();
    const background = ['b1', 'b2', 'b3'].map((key) => watch(queue.enqueue('freelancer', key, { priority: 'background' })));
    const now = ['n1', 'n2'].map((key) => watch(queue.enqueue('freelancer', key, { priority: 'now' })));
    await vi.runAllTimersAsync();
    expect(server.calls.map((call) => call.keys[0])).toEqual(['n1', 'n2', 'b1', 'b2', 'b3']);
    expect([...background, ...now].every((outcome) => outcome.settled && outcome.error === undefined)).toBe(true);
  });

  it("moves queued background work ahead when a 'now' caller asks for the same key", async () => {
    const { queue, server } = setup();
    for (let i = 0; i < 10; i += 1) watch(queue.enqueue('freelancer', `busy${i}`, { priority: 'now' }));
    for (const key of ['b1', 'b2', 'b3']) watch(queue.enqueue('freelancer', key, { priority: 'background' }));
    await vi.advanceTimersByTimeAsync(0); // the first ten fill the window
    watch(queue.enqueue('freelancer', 'b3', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(server.calls.map((call) => call.keys[0]).slice(10)).toEqual(['b3', 'b1', 'b2']);
  });
});

describe('de-duplication', () => {
  it('sends one request for a key asked for while queued and while in flight', async () => {
    const { queue, server } = setup({ latencyMs: 300 });
    const first = watch(queue.enqueue('me', 'me', { priority: 'now' }));
    const second = watch(queue.enqueue('me', 'me', { priority: 'background' }));
    await vi.advanceTimersByTimeAsync(200); // on the wire now
    expect(server.calls).toHaveLength(1);
    const third = watch(queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(server.calls).toHaveLength(1);
    for (const outcome of [first, second, third]) expect(outcome.value).toEqual({ kind: 'me', key: 'me' });
  });

  it('asks again once the earlier answer has been delivered', async () => {
    const { queue, server } = setup();
    watch(queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.runAllTimersAsync();
    const again = watch(queue.enqueue('me', 'me', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(again.value).toEqual({ kind: 'me', key: 'me' });
    expect(server.calls).toHaveLength(2);
  });
});

describe('coalescing', () => {
  it('takes queued keys of a batched kind together, up to maxBatch, for one token each', async () => {
    const { queue, server } = setup();
    const keys = Array.from({ length: 25 }, (_, i) => `job${i}`);
    const outcomes = keys.map((key) => watch(queue.enqueue('jobDetail', key, { priority: 'now' })));
    await vi.runAllTimersAsync();
    expect(server.calls.map((call) => call.keys.length)).toEqual([10, 10, 5]);
    expect(server.calls.flatMap((call) => call.keys)).toEqual(keys);
    expect(outcomes.map((outcome) => outcome.value)).toEqual(keys.map((key) => ({ kind: 'jobDetail', key })));
    expect(queue.status().requestsToday).toBe(3);
  });

  it('fails only the caller whose key came back as an error', async () => {
    const { queue, server } = setup();
    const found = watch(queue.enqueue('jobDetail', 'job1', { priority: 'now' }));
    const missing = watch(queue.enqueue('jobDetail', 'gone7', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(server.calls).toHaveLength(1);
    expect(found.value).toEqual({ kind: 'jobDetail', key: 'job1' });
    expect((missing.error as Error).message).toBe('There is no job gone7 on Upwork.');
  });

  it('fails a key the answer left out as invalid data', async () => {
    const { queue } = setup();
    queue.register({ kind: 'partial', maxBatch: 5, run: async (keys) => new Map(keys.slice(1).map((key) => [key, key])) });
    const left = watch(queue.enqueue('partial', 'a', { priority: 'now' }));
    const kept = watch(queue.enqueue('partial', 'b', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(errorKind(left)).toBe('invalid-data');
    expect(kept.value).toBe('b');
  });
});

describe('cancellation', () => {
  it('never sends a key whose only caller went away before dispatch', async () => {
    const { queue, server } = setup();
    for (let i = 0; i < 10; i += 1) watch(queue.enqueue('freelancer', `busy${i}`, { priority: 'now' }));
    const controller = new AbortController();
    const outcome = watch(queue.enqueue('freelancer', 'f1', { priority: 'now', signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10); // the first ten filled the window: f1 waits for it to move on
    controller.abort();
    await vi.runAllTimersAsync();
    expect(errorKind(outcome)).toBe('cancelled');
    expect(server.calls.map((call) => call.keys[0])).not.toContain('f1');
    expect(queue.status()).toMatchObject({ queued: 0, inFlight: 0, requestsToday: 10 });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { queue, server } = setup();
    const outcome = watch(queue.enqueue('freelancer', 'f1', { priority: 'now', signal: AbortSignal.abort() }));
    await vi.runAllTimersAsync();
    expect(errorKind(outcome)).toBe('cancelled');
    expect(server.calls).toHaveLength(0);
  });

  it('keeps the request for the caller who stayed when another cancels', async () => {
    const { queue, server } = setup();
    const leaving = new AbortController();
    const gone = watch(queue.enqueue('freelancer', 'f1', { priority: 'now', signal: leaving.signal }));
    const stays = watch(queue.enqueue('freelancer', 'f1', { priority: 'now', signal: new AbortController().signal }));
    await vi.advanceTimersByTimeAsync(10);
    leaving.abort();
    await vi.runAllTimersAsync();
    expect(errorKind(gone)).toBe('cancelled');
    expect(stays.value).toEqual({ kind: 'freelancer', key: 'f1' });
    expect(server.calls).toHaveLength(1);
  });

  it('aborts a request on the wire once every caller of every key in it went away', async () => {
    const { queue, server } = setup({ latencyMs: 500 });
    const a = new AbortController();
    const b = new AbortController();
    const outcomes = [watch(queue.enqueue('jobDetail', 'j1', { priority: 'now', signal: a.signal }))];
    outcomes.push(watch(queue.enqueue('jobDetail', 'j2', { priority: 'now', signal: b.signal })));
    await vi.advanceTimersByTimeAsync(200);
    expect(server.calls).toHaveLength(1);
    a.abort();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls[0]?.aborted).toBe(false); // j2 still wanted
    b.abort();
    await vi.runAllTimersAsync();
    expect(server.calls[0]?.aborted).toBe(true);
    expect(outcomes.map(errorKind)).toEqual(['cancelled', 'cancelled']);
    // A new caller for the same key starts afresh rather than joining the aborted request.
    const later = watch(queue.enqueue('jobDetail', 'j1', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(later.value).toEqual({ kind: 'jobDetail', key: 'j1' });
    expect(server.calls).toHaveLength(2);
  });
});

describe('429', () => {
  it('honours Retry-After, slows the whole queue, and re-queues the keys', async () => {
    // One at a time (8/s, no burst), so the 429 comes back before anything else has left.
    const { queue, server } = setup({ ratePerSecond: 8, burst: 1 });
    server.failNext(1, () => new ApiError('rate-limited', 'Upwork says: too many requests.', { status: 429, retryAfterMs: 5000 }));
    const outcomes = Array.from({ length: 12 }, (_, i) => watch(queue.enqueue('freelancer', `f${i}`, { priority: 'now' })));
    await vi.advanceTimersByTimeAsync(1000);
    const refusedAt = server.calls[0]?.at ?? Number.NaN;
    expect(server.calls).toHaveLength(1); // nothing else goes during the pause
    expect(queue.status().slowedUntil).toBe(refusedAt + 5000);
    expect(queue.status().lastError?.message).toMatch(/too many requests.*paused for 5 s/);

    await vi.runAllTimersAsync();
    const after = server.arrivals().slice(1);
    expect(after[0]).toBeGreaterThanOrEqual(refusedAt + 5000);
    // Resumes at about half the rate (4/s, climbing back over 30 s) and without bursts, so well apart from the full rate's 125 ms.
    expect((after[1] ?? 0) - (after[0] ?? 0)).toBeGreaterThan(240);
    expect(server.calls[1]?.keys).toEqual(['f0']); // the refused key kept its place
    expect(outcomes.every((outcome) => outcome.value !== undefined)).toBe(true);
    expect(new Set(server.calls.slice(1).map((call) => call.keys[0])).size).toBe(12);
  });

  it('backs off with jitter when Upwork gives no Retry-After, longer at each strike', async () => {
    const { queue, server } = setup();
    server.failNext(2, () => new ApiError('rate-limited', 'Upwork says: too many requests.', { status: 429 }));
    const outcome = watch(queue.enqueue('freelancer', 'f1', { priority: 'now' }));
    await vi.runAllTimersAsync();
    const [first, second, third] = server.arrivals();
    // random() = 0.5: attempt 1 waits 500 + 250 ms, attempt 2 waits 1000 + 500 ms, plus one token at the reduced rate.
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(750);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(1500);
    expect(outcome.value).toEqual({ kind: 'freelancer', key: 'f1' });
  });

  it('adapts to a server stricter than the settings and still finishes every key', async () => {
    const { queue, server } = setup({ serverLimit: 4 });
    const keys = Array.from({ length: 40 }, (_, i) => `f${i}`);
    const outcomes = keys.map((key) => watch(queue.enqueue('freelancer', key, { priority: 'background' })));
    await vi.runAllTimersAsync();
    expect(server.rejected429).toBeGreaterThan(0);
    expect(outcomes.every((outcome) => outcome.value !== undefined)).toBe(true);
    // Every extra request is a refused one: no key lost, none sent twice after success.
    expect(server.calls.length - keys.length).toBe(server.rejected429);
    // Slowing the whole queue keeps refusals well below one per key.
    expect(server.rejected429).toBeLessThan(keys.length / 4);
  });
});

describe('other failures', () => {
  it('retries a 5xx with backoff and delivers the answer', async () => {
    const { queue, server } = setup();
    server.failNext(2, () => new ApiError('server', 'Upwork had a problem (HTTP 503).', { status: 503 }));
    const outcome = watch(queue.enqueue('freelancer', 'f1', { priority: 'now' }));
    await vi.runAllTimersAsync();
    const [first, second, third] = server.arrivals();
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(375); // 250 + 0.5·250
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(750);
    expect(outcome.value).toEqual({ kind: 'freelancer', key: 'f1' });
  });

  it('gives up after three retries and rejects with the error', async () => {
    const { queue, server } = setup();
    server.failNext(10, () => new ApiError('network', 'Loupe could not reach Upwork. Check the connection.'));
    const outcome = watch(queue.enqueue('freelancer', 'f1', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(server.calls).toHaveLength(4);
    expect(errorKind(outcome)).toBe('network');
    expect(queue.status().lastError?.message).toBe('Loupe could not reach Upwork. Check the connection.');
  });

  it('sends again through the bucket after a renewed sign-in, so a burst of 401s is no burst of retries', async () => {
    const { queue } = setup();
    // Like Upwork after the token expired: each key's first send is refused and the sign-in renewed.
    const renewedFor = new Set<string>();
    const sends: number[] = [];
    queue.register<string>({
      kind: 'renewing',
      maxBatch: 1,
      async run([key = '']) {
        sends.push(Date.now());
        if (!renewedFor.has(key)) {
          renewedFor.add(key);
          throw new ApiError('renewed', 'Loupe renewed your sign-in and will send this again.');
        }
        return new Map([[key, key]]);
      },
    });
    const outcomes = Array.from({ length: 12 }, (_, i) => watch(queue.enqueue<string>('renewing', `k${i}`, { priority: 'now' })));
    await vi.runAllTimersAsync();
    expect(outcomes.map((outcome) => outcome.value)).toEqual(Array.from({ length: 12 }, (_, i) => `k${i}`));
    expect(sends).toHaveLength(24);
    expect(maxInAnyWindow(sends)).toBeLessThanOrEqual(10);
    expect(queue.status().lastError).toBeNull();
  });

  it('gives up as signed out when renewed sign-ins keep being refused', async () => {
    const { queue, server } = setup();
    server.failNext(10, () => new ApiError('renewed', 'Loupe renewed your sign-in and will send this again.'));
    const outcome = watch(queue.enqueue('jobDetail', 'j1', { priority: 'now' }));
    await vi.runAllTimersAsync();
    expect(server.calls).toHaveLength(3);
    expect(errorKind(outcome)).toBe('unauthorized');
  });

  it.each(['unauthorized', 'missing-scope', 'invalid-data', 'upwork-error'] as const)(
    'rejects %s at once, without retrying',
    async (kind) => {
      const { queue, server } = setup();
      server.failNext(1, () => new ApiError(kind, `failure: ${kind}`));
      const outcome = watch(queue.enqueue('jobDetail', 'j1', { priority: 'now' }));
      await vi.runAllTimersAsync();
      expect(server.calls).toHaveLength(1);
      expect(errorKind(outcome)).toBe(kind);
    },
  );
});

describe('rate', () => {
  it('never lets more than 10 requests into any 1,000 ms window, and keeps no timer once idle', async () => {
    const { queue, server } = setup({ latencyMs: 700 });
    const outcomes = Array.from({ length: 60 }, (_, i) => watch(queue.enqueue('freelancer', `f${i}`, { priority: 'now' })));
    await vi.advanceTimersByTimeAsync(2000);
    expect(queue.status().recentRate).toBeGreaterThan(1);
    await vi.runAllTimersAsync();
    expect(outcomes.every((outcome) => outcome.value !== undefined)).toBe(true);
    expect(server.rejected429).toBe(0);
    expect(maxInAnyWindow(server.arrivals())).toBeLessThanOrEqual(10);
    expect(vi.getTimerCount()).toBe(0);
    await queue.idle();
  });

  it('follows new limits from the settings', async () => {
    const { queue, server } = setup();
    queue.setLimits({ ratePerSecond: 2, burst: 1 });
    for (let i = 0; i < 5; i += 1) watch(queue.enqueue('freelancer', `f${i}`, { priority: 'now' }));
    await vi.runAllTimersAsync();
    const times = server.arrivals();
    expect(times.slice(1).map((time, i) => time - (times[i] ?? 0))).toEqual([500, 500, 500, 500]);
    expect(queue.status()).toMatchObject({ ratePerSecond: 2, burst: 1 });
  });

  it('reports its state in status()', async () => {
    const { queue } = setup({ dailyLimit: 1000, latencyMs: 100 });
    for (let i = 0; i < 8; i += 1) watch(queue.enqueue('freelancer', `f${i}`, { priority: 'now' }));
    expect(queue.status()).toMatchObject({ ratePerSecond: 9.5, currentRate: 9.5, burst: 10, dailyLimit: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    // Six on the wire at once (a browser's connections per host), the rest waiting for one to finish.
    expect(queue.status()).toMatchObject({ queued: 2, inFlight: 6, requestsToday: 6, slowedUntil: null, lastError: null });
    await vi.advanceTimersByTimeAsync(100);
    expect(queue.status()).toMatchObject({ queued: 0, inFlight: 2, requestsToday: 8 });
    expect(Date.now()).toBe(START + 100);
  });
});
