import { browser } from 'wxt/browser';
import type { TokenSource } from '../../upwork/api/token-source';
import { getWorkerApiService } from '../requests';
import { createWatchlist, type Watchlist } from './service';

let instance: Watchlist | undefined;

export function getWorkerWatchlist(tokens: TokenSource): Watchlist {
  instance ??= createWatchlist({ service: () => getWorkerApiService(tokens), tokens });
  return instance;
}

/**
 * Call synchronously from the worker's start: MV3 delivers the alarm (or notification click) that
 * woke the worker only to listeners registered in its first turn. Then the alarm is set again in
 * case the browser dropped it.
 */
export function startWatchlist(tokens: TokenSource): void {
  const watchlist = getWorkerWatchlist(tokens);
  browser.alarms.onAlarm.addListener((alarm) => {
    watchlist.onAlarm(alarm).catch((error: unknown) => console.warn('Loupe could not check watched jobs:', error));
  });
  browser.notifications.onClicked.addListener((id) => {
    watchlist.onNotificationClicked(id).catch((error: unknown) => console.warn('Loupe could not open that job:', error));
  });
  void watchlist.syncAlarm().catch(() => undefined);
}
