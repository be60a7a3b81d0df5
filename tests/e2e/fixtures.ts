import { type BrowserContext, test as base, expect, type Page, type Worker } from '@playwright/test';
import type { Sandbox } from '../../sandbox/server';
import { extensionIdOf, launchWithExtension, serviceWorkerOf } from '../../testkit/extension';
import { sendFromExtensionPage } from '../../testkit/messages';
import { workerSandbox } from './support/sandbox';
import { signedInWithUserData } from './support/security';
import { openSignedIn } from './support/session';

export interface LoupeFixtures {
  /** Chromium with the built extension, `*.upwork.com` mapped to the sandbox. Fresh profile per test. */
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Opens one of the extension's pages (popup.html, options.html). */
  openExtensionPage: (path: string) => Promise<Page>;
  /** Configures the sandbox's demo API key and signs in (the sandbox approves at once). */
  signIn: () => Promise<void>;
  /** Signs in, then opens one of the extension's pages. */
  signedInPage: (path: string) => Promise<Page>;
  /** Signed in, with the user's settings, notes and block list seeded: the options page (faults and attacks check they survive). */
  options: Page;
  /** Keep the welcome tab a fresh install opens (default: close it, as most users would, before the test starts). */
  keepWelcome: boolean;
}

export interface SandboxFixtures {
  /** One sandbox per test worker process, started on a free port; faults are reset before each test. */
  sandbox: Sandbox;
}

/** The welcome tab a fresh install opens (it can show up a moment after the worker starts). */
export async function welcomePage(context: BrowserContext, timeoutMs = 15_000): Promise<Page> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = context.pages().find((page) => page.url().endsWith('/welcome.html'));
    if (found) return found;
    if (Date.now() > deadline) throw new Error('Loupe opened no welcome page after installing.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const test = base.extend<LoupeFixtures, SandboxFixtures>({
  sandbox: workerSandbox,
  keepWelcome: [false, { option: true }],
  context: async ({ sandbox, keepWelcome }, use) => {
    sandbox.resetFaults();
    sandbox.setSearchDivergence(true); // the sandbox's default: a test that switches it off leaves it off for no other
    sandbox.clearLog();
    const context = await launchWithExtension({ args: sandbox.chromiumArgs });
    // A fresh install opens the welcome page; tests that count tabs or wait for new ones start without it.
    if (!keepWelcome) await (await welcomePage(context)).close();
    await use(context);
    await context.close();
  },
  worker: async ({ context }, use) => {
    await use(await serviceWorkerOf(context));
  },
  extensionId: async ({ worker }, use) => {
    await use(extensionIdOf(worker));
  },
  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
  },
  signIn: async ({ openExtensionPage }, use) => {
    await use(async () => {
      const page = await openExtensionPage('options.html');
      expect(await sendFromExtensionPage(page, 'auth.configure', { clientId: 'loupe-demo' })).toMatchObject({ ok: true });
      expect(await sendFromExtensionPage(page, 'auth.signIn', {})).toMatchObject({ ok: true });
      await page.close();
    });
  },
  signedInPage: async ({ openExtensionPage, signIn }, use) => {
    await use((path) => openSignedIn({ openExtensionPage, signIn }, path));
  },
  options: async ({ openExtensionPage, signIn }, use) => {
    await use(await signedInWithUserData({ openExtensionPage, signIn }));
  },
});

export { expect };
