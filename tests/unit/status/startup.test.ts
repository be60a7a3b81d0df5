import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { memoryQueueStorage } from '../../../lib/background/queue';
import { workKey } from '../../../lib/background/queue/persistence';
import { startApiCore } from '../../../lib/background/startup';
import { parseThrottleSettings, readThrottleSettings, watchThrottleSettings, writeThrottleSettings } from '../../../lib/settings/throttle';
import { ACCOUNT, realService, tokensFor } from './support';

/** What a stopped worker left behind: three lookups nobody finished. */
function leftBehind() {
  return memoryQueueStorage({
    [workKey(ACCOUNT)]: {
      work: [
        { kind: 'jobDetail', key: '41', priority: 'now' },
        { kind: 'jobDetail', key: '42', priority: 'now' },
        { kind: 'jobDetail', key: '43', priority: 'background' },
      ],
    },
  });
}

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('worker start-up', () => {
  it('applies the stored throttle settings, then resumes the unfinished work as ONE batched request', async () => {
    await writeThrottleSettings({ ratePerSecond: 4, burst: 1 });
    const real = realService({ storage: leftBehind() });
    const applied: unknown[] = [];
    const startup = startApiCore({
      service: () => real.service,
      applyThrottle: (settings) => {
        applied.push(settings);
        real.queue()?.setLimits(settings);
      },
      readThrottle: readThrottleSettings,
      watchThrottle: watchThrottleSettings,
    });
    expect(await startup.ready).toBe(true);
    expect(applied).toEqual([{ ratePerSecond: 4, burst: 1 }]);
    await real.queue()?.idle();
    expect(real.requests.map((request) => [request.operationName, Object.values(request.variables)])).toEqual([
      ['JobDetails', ['41', '42', '43']],
    ]);
    // Resumed results land in the cache: asking now sends nothing.
    expect((await real.service.jobDetail('42'))?.id).toBe('42');
    expect(real.requests).toHaveLength(1);
    startup.stop();
  });

  it('drops resumed work whose answer the stopped worker had already kept', async () => {
    const real = realService({ storage: leftBehind() });
    const accountKey = (await real.tokens.getAccountKey()) as string;
    await real.cache.set({ accountKey, operation: 'jobDetail', variables: { id: '42' } }, { id: '42' });
    const startup = startApiCore({
      service: () => real.service,
      applyThrottle: (settings) => real.queue()?.setLimits(settings),
      readThrottle: readThrottleSettings,
      watchThrottle: watchThrottleSettings,
    });
    expect(await startup.ready).toBe(true);
    await real.queue()?.idle();
    expect(real.requests.map((request) => Object.values(request.variables))).toEqual([['41', '43']]);
    startup.stop();
  });

  it('an answer is stored before its caller has it, so a worker stopped right then loses nothing', async () => {
    const real = realService({});
    const accountKey = (await real.tokens.getAccountKey()) as string;
    expect((await real.service.jobDetail('42'))?.id).toBe('42');
    const afterRestart = await real
      .storedCache()
      .peek<{ id: string }>({ accountKey, operation: 'jobDetail', variables: { id: '42' } }, 60_000);
    expect(afterRestart?.value.id).toBe('42');
  });

  it('re-applies the settings when they change', async () => {
    const real = realService({});
    await real.service.status(); // makes the account's queue
    const startup = startApiCore({
      service: () => real.service,
      applyThrottle: (settings) => real.queue()?.setLimits(settings),
      readThrottle: readThrottleSettings,
      watchThrottle: watchThrottleSettings,
    });
    await startup.ready;
    // Nothing stored: the settings' defaults, which are the throttle's own.
    expect(real.queue()?.status()).toMatchObject({ ratePerSecond: 9.5, burst: 10 });
    await fakeBrowser.storage.local.set({ throttle: { ratePerSecond: 3, burst: 2 } });
    await until(() => real.queue()?.status().ratePerSecond === 3);
    await fakeBrowser.storage.local.set({ throttle: { ratePerSecond: 10, burst: 5 } });
    await until(() => real.queue()?.status().ratePerSecond === 10);
    expect(real.queue()?.status().burst).toBe(5);
    startup.stop();
  });

  it('resumes nothing while signed out', async () => {
    const real = realService({ tokens: tokensFor(null), storage: leftBehind() });
    const startup = startApiCore({
      service: () => real.service,
      applyThrottle: () => undefined,
      readThrottle: readThrottleSettings,
      watchThrottle: watchThrottleSettings,
    });
    expect(await startup.ready).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(real.requests).toHaveLength(0);
    startup.stop();
  });

  it('falls back per field on corrupt settings', () => {
    expect(parseThrottleSettings({ ratePerSecond: 'fast', burst: 2 })).toEqual({ ratePerSecond: 9.5, burst: 2 });
    expect(parseThrottleSettings({ ratePerSecond: 6, burst: 0 })).toEqual({ ratePerSecond: 6, burst: 10 });
    expect(parseThrottleSettings('garbage')).toEqual({ ratePerSecond: 9.5, burst: 10 });
    expect(parseThrottleSettings(undefined)).toEqual({ ratePerSecond: 9.5, burst: 10 });
  });
});
