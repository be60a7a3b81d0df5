import type { Page } from '@playwright/test';
import type { LoupeFixtures } from '../fixtures';

/** The two fixtures a signed-in test starts from. */
export type SignInFixtures = Pick<LoupeFixtures, 'openExtensionPage' | 'signIn'>;

/** Signs in (the sandbox approves at once), then opens one of Loupe's pages (popup.html, options.html). */
export async function openSignedIn({ openExtensionPage, signIn }: SignInFixtures, path: string): Promise<Page> {
  await signIn();
  return openExtensionPage(path);
}
