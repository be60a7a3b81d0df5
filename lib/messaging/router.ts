import { type Contract, contract, envelopeSchema, isMessageType, type MessageType, type Reply, type ResponseOf } from './contract';
import type { SenderKind } from './define';
import { LoupeError, toLoupeError } from './errors';
import { classifySender, type SenderInfo } from './sender';

export interface HandlerContext {
  sender: SenderKind;
  tabId?: number;
  /** Aborted when the caller can no longer receive the answer (its tab closed or navigated). */
  signal?: AbortSignal;
}

export type Handler<T extends MessageType> = (
  request: ReturnType<Contract[T]['request']['parse']>,
  context: HandlerContext,
) => Promise<ResponseOf<T>> | ResponseOf<T>;

export type Handlers = { [T in MessageType]?: Handler<T> };

export interface RouterIdentity {
  id: string;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  origin: string;
}

export interface RouterOptions {
  /** The signal for messages from a page in a tab: aborted when the tab closes or shows another document. */
  signalForTab?(sender: { tabId: number; documentId?: string; documentLifecycle?: string }): AbortSignal | undefined;
}

/** runtime.MessageSender fields that tell one page in a tab from the next (Chrome ≥ 106, Firefox). */
type DocumentFields = { documentId?: string; documentLifecycle?: string };

/**
 * Validates the sender, the envelope and the payload, runs the handler, and validates its answer.
 * Anything that fails a check is answered with a plain-words error and reaches no handler.
 */
export function createRouter(handlers: Handlers, identity: RouterIdentity, options: RouterOptions = {}) {
  return async function route(message: unknown, sender: SenderInfo): Promise<Reply> {
    try {
      const kind = classifySender(sender, identity.id, identity.origin);
      if (!kind) throw new LoupeError('forbidden-sender', 'Loupe only answers its own popup, options page and content script.');
      const envelope = envelopeSchema.safeParse(message);
      if (!envelope.success) throw new LoupeError('bad-message', 'The message was not in Loupe’s format.');
      const { type, payload } = envelope.data;
      if (!isMessageType(type)) throw new LoupeError('unknown-message', `Loupe does not know the message “${type.slice(0, 64)}”.`);
      const definition = contract[type];
      if (!(definition.from as readonly SenderKind[]).includes(kind))
        throw new LoupeError('forbidden-sender', `“${type}” may not be sent from a ${kind}.`);
      const request = definition.request.safeParse(payload);
      if (!request.success)
        throw new LoupeError('bad-message', `The “${type}” message had the wrong shape: ${request.error.issues[0]?.message ?? 'invalid'}.`);
      const handler = handlers[type] as Handler<typeof type> | undefined;
      if (!handler) throw new LoupeError('unknown-message', `Nothing in Loupe handles “${type}” yet.`);
      const tabId = sender.tab?.id;
      const { documentId, documentLifecycle } = sender as DocumentFields;
      const signal = tabId !== undefined && tabId >= 0 ? options.signalForTab?.({ tabId, documentId, documentLifecycle }) : undefined;
      const result = await handler(request.data as never, { sender: kind, tabId, signal });
      const response = definition.response.safeParse(result);
      if (!response.success) throw new LoupeError('internal', `Loupe built a wrong answer to “${type}”.`);
      return { ok: true, data: response.data };
    } catch (error) {
      const { code, message } = toLoupeError(error);
      return { ok: false, error: { code, message } };
    }
  };
}
