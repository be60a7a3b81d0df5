import { browser } from 'wxt/browser';
import { badgeText, type NotificationText } from '../alerts/text';

/** What the worker shows outside any page: system notifications (alerts, watchlist) and the toolbar badge. */

const BADGE_COLOR = '#4b3fd1';

export async function showNotification(id: string, text: NotificationText): Promise<void> {
  try {
    await browser.notifications.create(id, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icons/128.png'),
      title: text.title,
      message: text.message,
      contextMessage: text.contextMessage,
    });
  } catch (error) {
    // The feed and the badge still carry the news; notifications may be switched off in the OS.
    console.warn('Loupe could not show a notification:', error);
  }
}

export async function clearNotifications(ids: readonly string[]): Promise<void> {
  await Promise.all(ids.map((id) => browser.notifications.clear(id).catch(() => false)));
}

/** Chrome MV3 has `action`; Firefox MV2 builds have `browserAction`. */
function actionApi() {
  const api = browser as unknown as { action?: typeof browser.action; browserAction?: typeof browser.action };
  return api.action ?? api.browserAction;
}

/** The unread count on Loupe's toolbar button. */
export async function showBadge(unread: number): Promise<void> {
  const action = actionApi();
  if (!action) return;
  try {
    await action.setBadgeBackgroundColor({ color: BADGE_COLOR });
    await action.setBadgeText({ text: badgeText(unread) });
  } catch (error) {
    console.warn('Loupe could not update its badge:', error);
  }
}
