import { browser } from 'wxt/browser';
import { createRouter, type Handlers } from '../messaging/router';
import { runMigrationsHere } from '../settings/items';
import { startSync } from '../sync/service';
import { getWorkerAlerts, startAlerts } from './alerts/instance';
import { getAuth, wireAuth } from './auth/instance';
import { probeScopes } from './auth/scope-probe';
import { forwardTileCommands } from './commands';
import { openWelcomeOnInstall } from './first-run';
import { alertsHandlers } from './handlers/alerts';
import { authHandlers } from './handlers/auth';
import { coreHandlers } from './handlers/core';
import { pageHandlers } from './handlers/page';
import { announcePowerChange, createPowerHandlers, watchPowerStorage } from './handlers/power';
import { statusHandlers } from './handlers/status';
import { requestLogHandlers } from './request-log/handlers';
import { getWorkerRequestLog } from './request-log/instance';
import { clearCachedAccount, getWorkerApiService, openWorkerCache } from './requests';
import { startWorkerApiCore } from './startup';
import { shutContentScriptsOutOfStorage } from './storage-access';
import { createTabSignals } from './tab-signals';
import { watchlistHandlers } from './watchlist/handlers';
import { getWorkerWatchlist, startWatchlist } from './watchlist/instance';

/** Every message handler the worker has; domains add theirs here. */
export function allHandlers(): Handlers {
  return {
    ...coreHandlers,
    ...authHandlers(getAuth(), (signedIn) => probeScopes(getWorkerApiService(getAuth()), signedIn)),
    ...pageHandlers(getAuth()),
    ...createPowerHandlers(),
    ...statusHandlers(getAuth()),
    ...alertsHandlers(() => getWorkerAlerts(getAuth())),
    ...requestLogHandlers(getWorkerRequestLog),
    ...watchlistHandlers(() => getWorkerWatchlist(getAuth())),
  };
}

/**
 * Registers the worker's listeners. Must run synchronously at start: MV3 wakes the worker for
 * an event and only delivers it to listeners registered in the first turn.
 */
export function startWorker(): void {
  runMigrationsHere(); // once, here: other contexts read the old shapes in memory and never write them
  shutContentScriptsOutOfStorage(); // before any content script can ask: they get their data from the worker
  wireAuth({ onSignedOut: clearCachedAccount });
  const tabs = createTabSignals(); // a closed tab, or one showing another page, cancels what it still waits for
  const route = createRouter(
    allHandlers(),
    { id: browser.runtime.id, origin: browser.runtime.getURL('/') },
    { signalForTab: (sender) => tabs.signalFor(sender) },
  );
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  watchPowerStorage(() => void announcePowerChange().catch(() => undefined));
  openWelcomeOnInstall();
  forwardTileCommands();
  startAlerts(getAuth()); // alarms and notification clicks must be listened to in the first turn
  startWatchlist(getAuth());
  startWorkerApiCore(getAuth()); // throttle settings, then work a stopped worker left unfinished
  openWorkerCache();
  startSync(); // storage.onChanged ('local' edits, 'sync' news from other browsers) and its retry alarm
}
