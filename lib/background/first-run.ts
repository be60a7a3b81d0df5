import { browser } from 'wxt/browser';

/** The first-run guide, opened once when Loupe is installed (not on updates or browser restarts). */
export const WELCOME_PAGE = '/welcome.html';

/** Call synchronously from the worker's start: onInstalled fires only in the worker's first turn. */
export function openWelcomeOnInstall(): void {
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason !== 'install') return;
    browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) }).catch((error: unknown) => {
      console.warn('Loupe could not open its welcome page.', error);
    });
  });
}
