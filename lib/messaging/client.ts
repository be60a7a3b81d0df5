import { contract, type MessageType, type RequestOf, type ResponseOf, replySchema } from './contract';
import { LoupeError } from './errors';
import { sendEnvelope } from './page-client';

/** Sends one typed message to the worker and returns its validated answer, or throws a LoupeError. */
export async function sendMessage<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  const reply = replySchema.safeParse(await sendEnvelope(type, payload));
  if (!reply.success) throw new LoupeError('internal', 'Loupe’s background worker sent an answer Loupe could not read.');
  if (!reply.data.ok) throw new LoupeError(reply.data.error.code, reply.data.error.message);
  // A worker from another version may answer differently: plain words, never a raw parse error.
  const data = contract[type].response.safeParse(reply.data.data);
  if (!data.success) throw new LoupeError('internal', 'Loupe’s background worker sent an answer Loupe could not read.');
  return data.data as ResponseOf<T>;
}
