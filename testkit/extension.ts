import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Worker } from '@playwright/test';
import { findChromium } from './chromium';

const OUT_DIR = process.env.LOUPE_OUT_DIR ?? fileURLToPath(new URL('../.output', import.meta.url));
/**
 * The test build (`wxt build --mode test`): open shadow roots and a few markers the tests read
 * (lib/helpers/test-build.ts). The shipped build, with none of them, is SHIPPED_EXTENSION_DIR:
 * the tests of what upwork.com's own scripts can see run against it.
 */
export const EXTENSION_DIR = `${OUT_DIR}/chrome-mv3-test`;
export const SHIPPED_EXTENSION_DIR = `${OUT_DIR}/chrome-mv3`;

export interface LaunchOptions {
  /** Extra Chromium flags, e.g. the sandbox's host mapping. */
  args?: string[];
  headless?: boolean;
  /** More unpacked extensions to load beside Loupe (e.g. tests/fixtures/other-extension). */
  extraExtensions?: string[];
  /** Another copy of Loupe's build to load instead (an update); default EXTENSION_DIR; null: the browser alone, for comparison. */
  extensionDir?: string | null;
  /** A profile folder to reuse across launches; default a fresh temporary profile. */
  userDataDir?: string;
}

/** Launches Chromium with the built extension loaded, in a fresh profile. */
export async function launchWithExtension({
  args = [],
  headless = true,
  extraExtensions = [],
  extensionDir = EXTENSION_DIR,
  userDataDir = '',
}: LaunchOptions = {}): Promise<BrowserContext> {
  if (extensionDir !== null && !existsSync(`${extensionDir}/manifest.json`)) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build && npm run build:test\` first (npm run test:e2e does).`);
  }
  const extensions = [...(extensionDir === null ? [] : [extensionDir]), ...extraExtensions].join(',');
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: false, // the flag below picks Chromium's new headless mode, which runs extensions
    args: [
      ...(headless ? ['--headless=new'] : []),
      ...(extensions ? [`--disable-extensions-except=${extensions}`, `--load-extension=${extensions}`] : []),
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ...args,
    ],
  });
}

export async function serviceWorkerOf(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
}

export function extensionIdOf(worker: Worker): string {
  const id = new URL(worker.url()).host;
  if (!id) throw new Error(`Cannot read the extension id from ${worker.url()}`);
  return id;
}
