import { browser } from 'wxt/browser';
import { savedSearchesDoc } from '../../settings/store';
import type { TokenSource } from '../../upwork/api/token-source';
import { getWorkerApiService } from '../requests';
import { type Alerts, createAlerts } from './service';

let instance: Alerts | undefined;

/** The worker's job alerts over its real ApiService and sign-in (built on first use). */
export function getWorkerAlerts(tokens: TokenSource): Alerts {
  instance ??= createAlerts({ service: () => getWorkerApiService(tokens), tokens });
  return instance;
}

/**
 * Registers the listeners alerts need. Call synchronously from the worker's start: MV3 delivers
 * the alarm (or notification click) that woke the worker only to listeners registered in its first
 * turn. An alarm runs exactly the check "check now" runs (service.check), minus the backoff skip.
 */
export function listenForAlerts(alerts: Alerts): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    alerts.onAlarm(alarm).catch((error: unknown) => console.warn('Loupe job alert check failed:', error));
  });
  browser.notifications.onClicked.addListener((notificationId) => {
    alerts.onNotificationClicked(notificationId).catch((error: unknown) => console.warn('Loupe could not open that job:', error));
  });
  // Saved searches changed elsewhere (options page, a restored backup) re-sync the alarms too.
  savedSearchesDoc.watch(() => void alerts.syncAlarms().catch(() => undefined));
}

/**
 * The worker's start: listeners first, then the alarms are checked against the saved searches
 * (Chrome may drop alarms over a browser restart) and the badge is redrawn.
 */
export function startAlerts(tokens: TokenSource): Alerts {
  const alerts = getWorkerAlerts(tokens);
  listenForAlerts(alerts);
  void alerts.syncAlarms().catch(() => undefined);
  void alerts.refreshBadge();
  return alerts;
}
