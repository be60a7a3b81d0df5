import type { BrowserContext, Page } from '@playwright/test';
import { extensionIdOf, serviceWorkerOf } from '../../testkit/extension';
import { sendFromExtensionPage } from '../../testkit/messages';
import { buildExtension, onSignedInPage } from './chromium';
import { sleep } from './measure';
import type { BenchContext, BenchScenario } from './types';

/**
 * The MV3 worker in real Chromium: how fast a stopped worker answers a tile's request (Chrome stops
 * an idle worker after 30 s; the next message starts a fresh one that must read the throttle's state
 * before it may send), and how much memory the worker holds after 10,000 lookups from its cache.
 */

const ROUNDS = 3;
const COLD_GOAL_MS = 150;
const LOOKUPS = 10_000;
const PER_MESSAGE = 50;

async function stopWorkers(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** A tile's request from a page: one job, with the page's search to mirror. Resolves with the round trip in ms. */
function askForTile(page: Page, id: string, q: string): Promise<{ ms: number; ok: boolean }> {
  return page.evaluate(
    async ({ id, q }) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean }> } } }).chrome
        .runtime;
      const started = performance.now();
      const reply = await runtime.sendMessage({ loupe: 1, type: 'jobs.forTiles', payload: { ids: [id], query: { q, pageSize: 1 } } });
      return { ms: performance.now() - started, ok: reply.ok };
    },
    { id, q },
  );
}

/** The worker's JavaScript heap after a forced GC, through the DevTools protocol's target API. */
async function workerHeapBytes(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
    const worker = targetInfos.find((target) => target.type === 'service_worker' && target.url.startsWith('chrome-extension://'));
    if (!worker) throw new Error('No extension service worker is running.');
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
    let next = 0;
    const call = (method: string) =>
      new Promise<Record<string, unknown>>((resolve) => {
        const id = ++next;
        const onMessage = (event: { sessionId: string; message: string }) => {
          const message = JSON.parse(event.message) as { id?: number; result?: Record<string, unknown> };
          if (event.sessionId !== sessionId || message.id !== id) return;
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve(message.result ?? {});
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
        void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
      });
    await call('HeapProfiler.collectGarbage');
    const usage = await call('Runtime.getHeapUsage');
    return Number(usage.usedSize);
  } finally {
    await cdp.detach();
  }
}

const notes: string[] = [];

export const workerScenario: BenchScenario = {
  name: '(7–8) the MV3 worker: answering after a stop, memory after 10,000 cached lookups',
  notes,
  async run(context: BenchContext) {
    const { dir } = await buildExtension(context);
    await onSignedInPage(context, dir, async (page, browser) => {
      await page.goto(`chrome-extension://${extensionIdOf(await serviceWorkerOf(browser))}/options.html`);
      const colds: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        await sleep(1_100); // nothing sent in the last second, as after 30 s idle
        await stopWorkers(page);
        const id = context.jobIds[round] as string;
        const answer = await askForTile(page, id, `cold worker ${round}`);
        if (!answer.ok) throw new Error('The stopped worker did not answer the tile.');
        colds.push(answer.ms);
      }
      const median = [...colds].sort((a, b) => a - b)[Math.floor(colds.length / 2)] as number;

      // 10,000 lookups answered from the cache: one search fills it with 50 jobs, then 200 messages of 50.
      const ids = context.jobIds.slice(0, PER_MESSAGE);
      const fill = await sendFromExtensionPage(page, 'jobs.forTiles', { ids, query: { q: '', pageSize: PER_MESSAGE } });
      if (!(fill as { ok?: boolean }).ok) throw new Error('Filling the cache failed.');
      const before = context.sandbox.requestLog.length;
      for (let i = 0; i < LOOKUPS / PER_MESSAGE; i++) await sendFromExtensionPage(page, 'jobs.forTiles', { ids });
      const heap = await workerHeapBytes(browser, page);
      const sentMeanwhile = context.sandbox.requestLog.length - before;

      notes.push(
        '',
        'The MV3 worker (real Chromium, sandbox on localhost):',
        `(7) a tile's request to its answer after the worker was stopped (cold start + state restore + one API request), median of ${ROUNDS}: ` +
          `${Math.round(median)} ms (goal ≤ ${COLD_GOAL_MS} ms ${median <= COLD_GOAL_MS ? '✓' : '✗'}); each: ${colds.map((ms) => Math.round(ms)).join(', ')} ms`,
        `(8) worker JS heap after ${LOOKUPS.toLocaleString('en-US')} cached lookups, after a forced GC: ${(heap / 1e6).toFixed(1)} MB ` +
          `(reported, no goal; ${sentMeanwhile} requests to Upwork meanwhile)`,
      );
    });
    return [];
  },
};
