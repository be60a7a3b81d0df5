import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { build } from 'wxt';
import { extensionIdOf, launchWithExtension, serviceWorkerOf } from '../../testkit/extension';
import { sendFromExtensionPage } from '../../testkit/messages';
import { sleep } from './measure';
import type { BenchContext } from './types';

/** What every Chromium scenario shares: one build of this checkout per bench run, and a signed-in fresh profile. */

export const SCRIPT_PATH = 'content-scripts/upwork.js';
/** After signing in: the sandbox's 1-second rate window forgets the sign-in's own request before a visit. */
const QUIET_AFTER_SIGN_IN_MS = 1_100;

const quietLogger = {
  debug() {},
  log() {},
  info() {},
  success() {},
  warn: (...args: unknown[]) => console.error(...args),
  error: (...args: unknown[]) => console.error(...args),
  fatal: (...args: unknown[]) => console.error(...args),
  level: 1,
};

interface Build {
  /** The test build, which the visits run. */
  dir: string;
  /** The shipped build, whose content script the size row measures. */
  shipped: string;
}

/**
 * Two Chrome builds of this checkout in their own folder, so no one else's build or test run is
 * touched: the shipped one (its content script is what the size row measures) and the test build
 * (mode 'test'), which the visits run: only it makes the performance marks the trace is read by
 * (a shipped build makes none, since the page shares the performance timeline). Built once per
 * bench run, whichever scenario asks first; the folder goes when the bench ends.
 */
export function buildExtension(context: BenchContext): Promise<Build> {
  const built = context.shared.get('chrome-build') as Promise<Build> | undefined;
  if (built) return built;
  const outDir = mkdtempSync(join(tmpdir(), 'loupe-bench-'));
  const remove = () => rmSync(outDir, { recursive: true, force: true });
  context.atEnd.push(remove);
  const building = (async () => {
    await build({ browser: 'chrome', outDir, logger: quietLogger });
    await build({ browser: 'chrome', outDir, mode: 'test', logger: quietLogger });
    const dir = join(outDir, 'chrome-mv3-test');
    const shipped = join(outDir, 'chrome-mv3');
    for (const folder of [dir, shipped])
      if (!existsSync(join(folder, SCRIPT_PATH))) throw new Error(`The build in ${folder} has no ${SCRIPT_PATH}.`);
    return { dir, shipped };
  })();
  context.shared.set('chrome-build', building);
  return building;
}

/** The e2e fixture's sign-in: the sandbox's demo API key, approved at once. */
async function signIn(browser: BrowserContext): Promise<void> {
  const extensionId = extensionIdOf(await serviceWorkerOf(browser));
  const page = await browser.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    for (const [type, payload] of [
      ['auth.configure', { clientId: 'loupe-demo' }],
      ['auth.signIn', {}],
    ] as const) {
      const answer = (await sendFromExtensionPage(page, type, payload)) as { ok?: boolean };
      if (!answer?.ok) throw new Error(`${type} failed: ${JSON.stringify(answer).slice(0, 300)}`);
    }
  } finally {
    await page.close();
  }
}

/** A fresh profile with the build loaded and signed in, once the rate window has forgotten the sign-in. Close it when done. */
async function signedInChromium(context: BenchContext, extensionDir: string): Promise<BrowserContext> {
  const browser = await launchWithExtension({ extensionDir, args: context.sandbox.chromiumArgs });
  try {
    await signIn(browser);
    await sleep(QUIET_AFTER_SIGN_IN_MS);
    return browser;
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Runs `work` on a new page of a signed-in Chromium with the extension, and closes that Chromium after. */
export async function onSignedInPage<T>(
  context: BenchContext,
  extensionDir: string,
  work: (page: Page, browser: BrowserContext) => Promise<T>,
): Promise<T> {
  const browser = await signedInChromium(context, extensionDir);
  try {
    return await work(await browser.newPage(), browser);
  } finally {
    await browser.close();
  }
}
