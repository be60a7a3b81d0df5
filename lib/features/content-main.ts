import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { prepareFormatters } from '../helpers/format';
import { testMark, testTiming } from '../helpers/test-build';
import { sendPageMessage as sendMessage } from '../messaging/page-client';
import { FeatureRunner } from '../page/runner';
import { PageSettings, powerStateChanged } from '../page/settings';
import { listenForTileCommands } from '../page/tile-commands';
import type { OverlayViews } from '../page/views';
import type { HealthSnapshot } from '../upwork/site/health';
import { features } from './index';

/** Marks the page so tests can see Loupe is running here (test builds only: the page must not learn it). */
function markPage(state: string): void {
  testMark(document.documentElement, 'loupe', state);
}

function reportHealth(snapshot: HealthSnapshot): void {
  // Only pages where something was looked for are worth a line in the popup.
  if (Object.keys(snapshot.landmarks).length === 0 && snapshot.disabledFeatures.length === 0) return;
  sendMessage('page.reportHealth', snapshot).catch(() => {
    // The popup's health line is a nicety; a worker that can't take it must not bother the page.
  });
}

/**
 * The content script on upwork.com: connects to the worker, then runs the page features for the
 * current route and again after every SPA navigation (WXT's location watcher). `views` are the
 * React overlays, passed in by the entrypoint because lib/ never imports components/.
 */
export async function startContentScript(ctx: ContentScriptContext, views: OverlayViews): Promise<void> {
  testTiming('loupe:start');
  testMark(document.documentElement, 'loupeStartedAt', performance.now().toFixed(1));
  markPage('starting');
  void sendMessage('ping', { from: 'content' }).then(
    (answer) => {
      if (!ctx.isInvalid) markPage(answer.pong ? 'connected' : 'error');
    },
    () => {
      if (!ctx.isInvalid) markPage('error');
    },
  );

  listenForTileCommands(browser.runtime.onMessage, ctx.signal); // keyboard shortcuts, forwarded by the worker
  listenForChanges(ctx);
  // Read once for the whole page: the switches here, every feature's settings through ctx.settings.
  const settings = new PageSettings(sendMessage, ctx.signal);
  const reading = settings.read();
  let toggles: Record<string, boolean> = {};
  const runner = new FeatureRunner({
    features,
    views,
    send: sendMessage,
    signal: ctx.signal,
    settings,
    // A feature missing from the switches is on.
    isEnabled: (id) => toggles[id] !== false,
    reportHealth,
  });
  // The tiles' lookup goes out with the settings read, not after it (runner.ts), from a task of its
  // own: the script's first task stays short.
  setTimeout(() => runner.prefetchTiles(new URL(location.href)), 0);
  // Intl's locale data loads while the worker answers, in tasks of its own (helpers/format.ts);
  // the bench tells those tasks apart by their mark.
  prepareFormatters(() => testTiming('loupe:formatter-built'));
  toggles = await reading.then(
    (state) => state.toggles,
    () => ({}),
  );
  if (ctx.isInvalid) return;
  testTiming('loupe:settings-read');
  runner.navigate(new URL(location.href));
  testTiming('loupe:features-started');
  ctx.addEventListener(window, 'wxt:locationchange', (event) => runner.navigate(new URL(event.newUrl.href)));
  settings.onChange(() => {
    settings.read().then(
      (state) => {
        toggles = state.toggles;
        runner.refresh();
      },
      () => undefined,
    );
  }, ctx.signal);
}

/** The worker's bare 'power.changed' notice (see lib/background/handlers/power.ts); only our own extension can send it. */
function listenForChanges(ctx: ContentScriptContext): void {
  const listener = (message: unknown, sender: { id?: string }) => {
    if (sender.id !== browser.runtime.id || typeof message !== 'object' || message === null) return;
    const { loupe, type } = message as { loupe?: unknown; type?: unknown };
    if (loupe === 1 && type === 'power.changed') powerStateChanged();
  };
  browser.runtime.onMessage.addListener(listener);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
}
