import type { z } from 'zod';
import { lazy } from '../helpers/lazy';

/** Who may send a message: our own extension pages (popup, options) or our content script on upwork.com. */
export type SenderKind = 'extension-page' | 'content-script';

export interface MessageDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly request: Req;
  readonly response: Res;
  /** Sender kinds allowed to send it; anything else is refused before the handler runs. */
  readonly from: readonly SenderKind[];
}

/**
 * One message: who may send it, and its schemas, built the first time the message is used. A
 * stopped MV3 worker evaluates the whole contract before it can answer anything, and building
 * every message's zod schemas up front cost it ~20 ms of each start.
 */
export function message<Req extends z.ZodType, Res extends z.ZodType>(
  from: readonly SenderKind[],
  schemas: () => { request: Req; response: Res },
): MessageDefinition<Req, Res> {
  const built = lazy(schemas);
  return {
    from,
    get request() {
      return built().request;
    },
    get response() {
      return built().response;
    },
  };
}

/** Typed identity helper so each domain file keeps literal keys and schema types. */
export function defineMessages<const T extends Record<string, MessageDefinition>>(definitions: T): T {
  return definitions;
}
