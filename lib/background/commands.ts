import { browser } from 'wxt/browser';
import { isTileCommand } from '../commands/index';
import { tileCommandMessage } from '../messaging/to-content';

const UPWORK = 'https://www.upwork.com/';

/**
 * Keyboard commands for the job list go to the content script of the active upwork.com tab; Loupe
 * sees the URL of upwork.com tabs only (its host permission), which is all this needs. Opening the
 * popup (`_execute_action`) is the browser's own and never reaches here.
 */
export function forwardTileCommands(): void {
  browser.commands?.onCommand.addListener((command, tab) => {
    if (!isTileCommand(command)) return;
    void (async () => {
      const target = tab?.id !== undefined && tab.url ? tab : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
      if (target?.id === undefined || !target.url?.startsWith(UPWORK)) return;
      await browser.tabs.sendMessage(target.id, tileCommandMessage(command));
    })().catch(() => {
      // A tab still loading has no content script yet: the key press simply does nothing.
    });
  });
}
