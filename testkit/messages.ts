import type { Page } from '@playwright/test';

interface ChromeRuntime {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** Sends a raw Loupe message from an extension page (popup or options), as Loupe's own UI does. */
export function sendFromExtensionPage(page: Page, type: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    ([t, p]) => (globalThis as unknown as { chrome: ChromeRuntime }).chrome.runtime.sendMessage({ loupe: 1, type: t, payload: p }),
    [type, payload] as const,
  );
}
