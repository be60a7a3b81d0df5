import { z } from 'zod';
import { errorCodeSchema } from './error-codes';
import { alertsMessages } from './messages/alerts';
import { authMessages } from './messages/auth';
import { coreMessages } from './messages/core';
import { dossierMessages } from './messages/dossier';
import { pageMessages } from './messages/page';
import { powerMessages } from './messages/power';
import { requestLogMessages } from './messages/request-log';
import { statusMessages } from './messages/status';
import { watchlistMessages } from './messages/watchlist';

/**
 * Every message between Loupe's parts, in one table. Each domain declares its own messages in
 * `messages/<domain>.ts`; this file only joins them. Requests and responses are strict zod
 * objects, so no field (a token, say) can ride along unnoticed. Schemas are built on first use
 * (`message` in define.ts, `z.lazy` for the ones a domain file shares): a stopped worker has the
 * whole table to evaluate before it can answer.
 */
export const contract = {
  ...coreMessages,
  ...pageMessages,
  ...powerMessages,
  ...authMessages,
  ...alertsMessages,
  ...statusMessages,
  ...requestLogMessages,
  ...dossierMessages,
  ...watchlistMessages,
} as const;

export type Contract = typeof contract;
export type MessageType = keyof Contract;
export type RequestOf<T extends MessageType> = z.input<Contract[T]['request']>;
export type ResponseOf<T extends MessageType> = z.output<Contract[T]['response']>;

/** The one shape that travels through `runtime.sendMessage`. */
export const envelopeSchema = z.strictObject({
  loupe: z.literal(1),
  type: z.string().min(1).max(64),
  payload: z.unknown(),
});

export const replySchema = z.union([
  z.strictObject({ ok: z.literal(true), data: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: z.strictObject({ code: errorCodeSchema, message: z.string() }) }),
]);
export type Reply = z.infer<typeof replySchema>;

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(contract, type);
}
