import { browser } from 'wxt/browser';

type AreaWithAccessLevel = { setAccessLevel?(options: { accessLevel: 'TRUSTED_CONTEXTS' }): Promise<void> };

/**
 * Content scripts run beside the pages they annotate; one a page subverts must not read the
 * account nor change what the worker relies on (saved searches, the alert feed, the account and
 * its organization, sealed tokens). Chromium can shut them out of both areas, and keeps the choice
 * in the profile; content scripts ask the worker instead ('power.*'). Firefox has no such switch,
 * so the worker still checks everything it reads from storage.local.
 */
export function shutContentScriptsOutOfStorage(): void {
  for (const area of [browser.storage.local, browser.storage.session] as unknown as (AreaWithAccessLevel | undefined)[]) {
    area?.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch(() => undefined);
  }
}
