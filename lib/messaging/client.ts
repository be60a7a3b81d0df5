import { browser } from 'wxt/browser';
import { contract, type MessageType, type RequestOf, type ResponseOf, replySchema } from './contract';
import { LoupeError } from './errors';

/** Sends one typed message to the worker and returns its validated answer, or throws a LoupeError. */
export async function sendMessage<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ loupe: 1, type, payload });
  } catch (error) {
    throw new LoupeError('internal', `Loupe’s background worker did not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  const reply = replySchema.safeParse(raw);
  if (!reply.success) throw new LoupeError('internal', 'Loupe’s background worker sent an answer Loupe could not read.');
  if (!reply.data.ok) throw new LoupeError(reply.data.error.code, reply.data.error.message);
  return contract[type].response.parse(reply.data.data) as ResponseOf<T>;
}
