import { browser } from 'wxt/browser';
import { messageOf } from '../helpers/format';
import type { MessageType, RequestOf, ResponseOf } from './contract';
import type { ErrorCode } from './error-codes';
import { LoupeError } from './errors';

/**
 * The content script's `sendMessage`: the same envelope as client.ts, without a schema library,
 * because the content script must stay small. Nothing is lost: the worker's router
 * checks every answer against the contract's strict schema before it leaves the worker, so this
 * side checks only the envelope, and a worker of another version, or none, gets plain words.
 * Loupe's own pages (popup, options) keep client.ts, which checks the answer again.
 */
export async function sendPageMessage<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  const raw = await sendEnvelope(type, payload);
  if (isRecord(raw) && raw.ok === true && isRecord(raw.data)) return raw.data as ResponseOf<T>;
  if (isRecord(raw) && raw.ok === false && isRecord(raw.error)) {
    const { code, message } = raw.error;
    if (typeof code === 'string' && typeof message === 'string') throw new LoupeError(code as ErrorCode, message);
  }
  throw new LoupeError('internal', 'Loupe’s background worker sent an answer Loupe could not read.');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sends one message in Loupe's envelope and returns the worker's raw answer; a worker that cannot be reached is a LoupeError. */
export async function sendEnvelope(type: MessageType, payload: unknown): Promise<unknown> {
  try {
    return await browser.runtime.sendMessage({ loupe: 1, type, payload });
  } catch (error) {
    throw new LoupeError('internal', `Loupe’s background worker did not answer: ${messageOf(error)}`);
  }
}
