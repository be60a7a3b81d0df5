import { browser } from 'wxt/browser';
import type { Handlers } from '../../messaging/router';

export const coreHandlers: Handlers = {
  ping: (request) => ({ pong: true, version: browser.runtime.getManifest().version, receivedFrom: request.from }),
};
