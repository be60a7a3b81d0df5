import type { Page } from '@playwright/test';

/** The two fixtures a signed-in test starts from. */
export interface SignInFixtures {
  openExtensionPage: (path: string) => Promise<Page>;
  signIn: () => Promise<void>;
}

/** Signs in (the sandbox approves at once), then opens one of Loupe's pages (popup.html, options.html). */
export async function openSignedIn({ openExtensionPage, signIn }: SignInFixtures, path: string): Promise<Page> {
  await signIn();
  return openExtensionPage(path);
}
