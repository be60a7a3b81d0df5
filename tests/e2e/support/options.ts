import { expect, type Page } from '@playwright/test';
import { defaultSettings, type Settings } from '../../../lib/settings/schema';

type WithChrome = { chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } } };

/** Writes the default settings with `change` applied straight to storage (saved by version 2), as the options page would. */
export async function saveSettings(
  openExtensionPage: (path: string) => Promise<Page>,
  change: (settings: Settings) => void,
): Promise<void> {
  const settings = defaultSettings();
  change(settings);
  const page = await openExtensionPage('options.html');
  await page.evaluate(
    (value) => (globalThis as unknown as WithChrome).chrome.storage.local.set({ settings: value, settings$: { v: 2 } }),
    settings,
  );
  await page.close();
}

/** Moves an open options page to one of its sections (`#/rules`), as its navigation does. */
export async function showSection(page: Page, id: string): Promise<void> {
  await page.evaluate((section) => {
    location.hash = `#/${section}`;
  }, id);
  await expect(page.getByTestId('options-section')).toHaveAttribute('data-section', id);
}
