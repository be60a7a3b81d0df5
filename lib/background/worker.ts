import { browser } from 'wxt/browser';
import { createRouter, type Handlers } from '../messaging/router';
import { clearCachedAccount, fetchAccountWithToken } from './api-service';
import { getAuth, wireAuth } from './auth/instance';
import { authHandlers } from './handlers/auth';
import { coreHandlers } from './handlers/core';
import { pageHandlers } from './handlers/page';
import { statusHandlers } from './handlers/status';

/** Every message handler the worker has; domains add theirs here. */
export function allHandlers(): Handlers {
  return { ...coreHandlers, ...authHandlers(getAuth()), ...pageHandlers(getAuth()), ...statusHandlers(getAuth()) };
}

/**
 * Registers the worker's listeners. Must run synchronously at start: MV3 wakes the worker for
 * an event and only delivers it to listeners registered in the first turn.
 */
export function startWorker(): void {
  wireAuth({ fetchAccount: fetchAccountWithToken, onSignedOut: clearCachedAccount });
  const route = createRouter(allHandlers(), { id: browser.runtime.id, origin: browser.runtime.getURL('/') });
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
}
