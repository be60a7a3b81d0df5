import type { z } from 'zod';

/** Who may send a message: our own extension pages (popup, options) or our content script on upwork.com. */
export type SenderKind = 'extension-page' | 'content-script';

export interface MessageDefinition<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** Sender kinds allowed to send it; anything else is refused before the handler runs. */
  from: readonly SenderKind[];
}

/** Typed identity helper so each domain file keeps literal keys and schema types. */
export function defineMessages<const T extends Record<string, MessageDefinition>>(definitions: T): T {
  return definitions;
}
