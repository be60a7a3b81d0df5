import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/**
 * Firefox with Loupe's Firefox build installed, driven by puppeteer-core over WebDriver BiDi
 * (Playwright needs its own patched Firefox; Debian's Firefox ESR speaks BiDi as it is).
 */

const OUT_DIR = process.env.LOUPE_OUT_DIR ?? fileURLToPath(new URL('../.output', import.meta.url));
/**
 * The Firefox test build (`wxt build -b firefox --mode test`): open shadow roots and the markers the
 * tests read (lib/helpers/test-build.ts), as EXTENSION_DIR is for Chromium. The shipped build
 * (firefox-mv2) is what `npm run test:firefox` lints.
 */
export const FIREFOX_EXTENSION_DIR = `${OUT_DIR}/firefox-mv2-test`;

/** Fixed, so extension pages live at a known moz-extension:// address in every run. */
export const FIREFOX_EXTENSION_UUID = '6f3c1f0e-1d2b-4c8a-9e57-4c0be5a1d0c1';

/** Finds a Firefox to drive: $FIREFOX_PATH, then Debian's ESR package, then a plain firefox. Never downloads one. */
export function findFirefox(): string {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(
      `FIREFOX_PATH points to ${fromEnv}, which does not exist: point it to a Firefox binary, or unset it to use Debian's firefox-esr (\`sudo apt-get install -y firefox-esr\`).`,
    );
  }
  const found = ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find((path) => existsSync(path));
  if (found) return found;
  throw new Error(
    'No Firefox found for the Firefox end-to-end tests. Install one (Debian/Ubuntu: `sudo apt-get install -y firefox-esr`) ' +
      'or set FIREFOX_PATH to a Firefox binary.',
  );
}

export interface FirefoxLaunchOptions {
  /** The sandbox's port: every *.upwork.com connection on :443 goes there. */
  sandboxPort: number;
  headless?: boolean;
  /** Loupe's Firefox build; default FIREFOX_EXTENSION_DIR. */
  extensionDir?: string;
  /** Where downloads land without asking; default a fresh temporary folder. */
  downloadDir?: string;
  /** Page console lines on stdout, for debugging. */
  console?: boolean;
}

export interface LaunchedFirefox {
  browser: Browser;
  /** moz-extension://<uuid> */
  extensionOrigin: string;
  /** The add-on id in the build's manifest (for uninstalling it). */
  geckoId: string;
  extensionDir: string;
  downloadDir: string;
}

export async function launchFirefoxWithExtension({
  sandboxPort,
  headless = true,
  extensionDir = FIREFOX_EXTENSION_DIR,
  downloadDir,
  console = false,
}: FirefoxLaunchOptions): Promise<LaunchedFirefox> {
  if (!existsSync(`${extensionDir}/manifest.json`)) {
    throw new Error(
      `No Firefox build in ${extensionDir}: run \`npx wxt build -b firefox --mode test\` first (npm run test:e2e:firefox does).`,
    );
  }
  const downloads = downloadDir ?? (await mkdtemp(join(tmpdir(), 'loupe-firefox-downloads-')));
  const { default: manifest } = (await import(join(extensionDir, 'manifest.json'), { with: { type: 'json' } })) as {
    default: { browser_specific_settings?: { gecko?: { id?: string } } };
  };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${extensionDir}/manifest.json has no gecko id: is it a Firefox build?`);

  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    protocol: 'webDriverBiDi',
    headless,
    acceptInsecureCerts: true, // the sandbox's self-signed certificate, for pages, the sign-in window and the background
    dumpio: console,
    // Needed to open moz-extension:// pages from the remote agent.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }),
      // A reinstall (a fresh install between tests in one Firefox) keeps that address; its data is still cleared.
      'extensions.webextensions.keepUuidOnUninstall': true,
      // Firefox's answer to Chromium's --host-resolver-rules: the names resolve to 127.0.0.1, port 443 goes to the sandbox.
      'network.dns.localDomains': 'www.upwork.com,api.upwork.com',
      'network.socket.forcePort': `443=${sandboxPort}`,
      // Without D-Bus the system backend closes notifications at once.
      'alerts.useSystemBackend': false,
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'devtools.console.stdout.content': console,
    },
  });
  try {
    await browser.installExtension(extensionDir);
  } catch (error) {
    await browser.close();
    throw error;
  }
  return { browser, extensionOrigin: `moz-extension://${FIREFOX_EXTENSION_UUID}`, geckoId, extensionDir, downloadDir: downloads };
}

/**
 * Opens a moz-extension:// page. Firefox's remote agent never reports that navigation as
 * finished, so this waits for the document itself instead of for goto.
 */
export async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  page.goto(url).catch(() => {
    // Settles (or times out) long after the page is usable; the wait below is what counts.
  });
  await waitForDocument(page, url);
}

/**
 * Waits until the page shows `url`, fully loaded. Asks again on protocol errors: while the tab
 * moves from about:blank to the extension's page, an evaluation can land in neither.
 */
export async function waitForDocument(page: Page, url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ready = await page
      .evaluate((expected) => location.href === expected && document.readyState === 'complete', url)
      .catch(() => false);
    if (ready) return;
    if (Date.now() > deadline) throw new Error(`${url} did not finish loading within ${timeoutMs / 1000} s (the tab shows ${page.url()}).`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
