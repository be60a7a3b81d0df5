import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '../messaging/client';

/** Marks the page so tests (and curious users in devtools) can see Loupe is running here. */
function markPage(state: string): void {
  document.documentElement.dataset.loupe = state;
}

export async function startContentScript(ctx: ContentScriptContext): Promise<void> {
  markPage('starting');
  try {
    const answer = await sendMessage('ping', { from: 'content' });
    if (ctx.isInvalid) return;
    markPage(answer.pong ? 'connected' : 'error');
  } catch {
    markPage('error');
  }
}
