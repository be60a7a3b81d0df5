import type { SenderKind } from './define';

/** The parts of `runtime.MessageSender` that decide who is talking. */
export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

const CONTENT_ORIGIN = 'https://www.upwork.com/';

/**
 * Classifies a sender, or returns undefined for anyone who is not us: another extension
 * (different id), a web page, or our content script running somewhere it should not be.
 */
export function classifySender(sender: SenderInfo, ownId: string, ownOrigin: string): SenderKind | undefined {
  if (sender.id !== ownId || !sender.url) return undefined;
  if (sender.tab && sender.url.startsWith(CONTENT_ORIGIN)) return 'content-script';
  if (sender.url.startsWith(ownOrigin)) return 'extension-page';
  return undefined;
}
