import type { MessageType, RequestOf, ResponseOf } from '../messaging/contract';

/** The messages a page may send (see lib/messaging/messages/), and how: the content script's one way to the worker, handed to every feature as `ctx.send`. */
export type PageMessage =
  | 'jobs.forTiles'
  | 'jobs.detail'
  | 'freelancer.byKey'
  | 'page.reportHealth'
  | `power.${string}`
  | `watchlist.${string}`
  | 'alerts.saveSearch'
  | 'dossier.forJobs'
  | 'dossier.clientJobs';

export type Send = <T extends Extract<MessageType, PageMessage>>(type: T, payload: RequestOf<T>) => Promise<ResponseOf<T>>;
