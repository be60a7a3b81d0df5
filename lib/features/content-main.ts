import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../messaging/client';
import type { HealthSnapshot } from '../upwork/site/health';
import { features } from './index';
import { FeatureRunner } from './registry';
import { isFeatureOn, readToggles, watchToggles } from './toggles';
import type { OverlayViews } from './views';

/** Marks the page so tests (and curious users in devtools) can see Loupe is running here. */
function markPage(state: string): void {
  document.documentElement.dataset.loupe = state;
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
  performance.mark('loupe:start');
  document.documentElement.dataset.loupeStartedAt = performance.now().toFixed(1);
  markPage('starting');
  void sendMessage('ping', { from: 'content' }).then(
    (answer) => {
      if (!ctx.isInvalid) markPage(answer.pong ? 'connected' : 'error');
    },
    () => {
      if (!ctx.isInvalid) markPage('error');
    },
  );

  let toggles = await readToggles().catch(() => ({}));
  if (ctx.isInvalid) return;
  performance.mark('loupe:settings-read');
  const runner = new FeatureRunner({
    features,
    views,
    send: sendMessage,
    signal: ctx.signal,
    isEnabled: (id) => isFeatureOn(toggles, id),
    reportHealth,
  });
  runner.navigate(new URL(location.href));
  performance.mark('loupe:features-started');
  ctx.addEventListener(window, 'wxt:locationchange', (event) => runner.navigate(new URL(event.newUrl.href)));
  watchToggles((next) => {
    toggles = next;
    runner.refresh();
  }, ctx.signal);
}
