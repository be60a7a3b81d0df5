import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import type { DownloadedFile, DownloadItem, LoupeBrowser, LoupePage, Selector } from './driver';
import { BasePage, followDownload, shownTexts, WINDOW_WAIT_MS } from './driver';
import { type FirefoxLaunchOptions, gotoExtensionPage, launchFirefoxWithExtension, waitForDocument } from './firefox';

/** Firefox's redirect URI for identity.launchWebAuthFlow: a hash of the add-on id under extensions.allizom.org. */
const FIREFOX_REDIRECT = /^https:\/\/[0-9a-f]{40}\.extensions\.allizom\.org\/$/;

/** One step of a chain: a CSS selector, or a CSS selector and the exact text its match shows. */
type Step = string | { css: string; text: string };

function stepsOf(selector: Selector): Step[] {
  return typeof selector === 'string' ? [selector] : [...selector];
}

/**
 * Runs in the page: every match of the chain, each step looked up inside the matches of the one
 * before and inside every open shadow root under them, as Playwright's chained locators do.
 * puppeteer's own `>>>` and `::-p-text()` find nothing on moz-extension:// pages in Firefox, so
 * the driver resolves selectors itself.
 */
function resolveAll(steps: Step[]): Element[] {
  let scopes: (Document | Element | ShadowRoot)[] = [document];
  for (const step of steps) {
    const css = typeof step === 'string' ? step : step.css;
    const found = new Set<Element>();
    const visit = (root: Document | Element | ShadowRoot) => {
      for (const element of root.querySelectorAll(css)) found.add(element);
      for (const element of root.querySelectorAll('*')) if (element.shadowRoot) visit(element.shadowRoot);
    };
    for (const scope of scopes) {
      visit(scope);
      if (scope instanceof Element && scope.shadowRoot) visit(scope.shadowRoot);
    }
    let matches = [...found];
    if (typeof step !== 'string')
      matches = matches.filter((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim() === step.text);
    scopes = matches;
  }
  return scopes as Element[];
}

/**
 * Page code that evaluates to the chain's matches. It is sent as source, and when tsx runs this
 * file (the demo), esbuild's keepNames wraps inner functions in `__name(…)`, a helper only Node has:
 * the page gets a stand-in.
 */
function matchesOf(selector: Selector | Step[]): string {
  return `((__name) => (${resolveAll})(${JSON.stringify(typeof selector === 'string' ? [selector] : selector)}))((f) => f)`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface FirefoxExtensionApi {
  runtime: {
    sendMessage(message: unknown): Promise<unknown>;
    getBackgroundPage(): Promise<Window & { performance: Performance }>;
  };
  notifications: { getAll(): Promise<Record<string, unknown>>; clear(id: string): Promise<boolean> };
  browserAction: { getBadgeText(details: object): Promise<string> };
  downloads: { search(query: object): Promise<DownloadItem[]> };
}
/**
 * The extension API inside Loupe's pages, for the functions evaluated there. MV2 in Firefox:
 * `browser.*` answers with promises (`chrome.*` without a callback answers nothing).
 */
declare const browser: FirefoxExtensionApi;

class FirefoxPage extends BasePage implements LoupePage {
  constructor(
    readonly page: Page,
    /** The extension page this tab shows: puppeteer's own idea of the URL never gets there (see gotoExtensionPage). */
    private extensionUrl: string | null = null,
  ) {
    super();
  }

  async goto(url: string) {
    if (url.startsWith('moz-extension:')) {
      await gotoExtensionPage(this.page, url);
      this.extensionUrl = url;
    } else {
      await this.page.goto(url);
      this.extensionUrl = null;
    }
  }
  url() {
    return this.extensionUrl ?? this.page.url();
  }
  async reload() {
    if (!this.extensionUrl) {
      await this.page.reload();
      return;
    }
    // The remote agent never sees an extension page's reload finish: reload from inside, after the
    // evaluation has returned, and wait for a document without the mark the old one carried.
    const url = this.extensionUrl;
    await this.page.evaluate(() => {
      (window as { loupeOldDocument?: boolean }).loupeOldDocument = true;
      setTimeout(() => location.reload(), 0);
    });
    const deadline = Date.now() + 15_000;
    while (await this.page.evaluate(() => (window as { loupeOldDocument?: boolean }).loupeOldDocument === true).catch(() => true)) {
      if (Date.now() > deadline) throw new Error(`${url} did not reload within ${WINDOW_WAIT_MS / 1000} s.`);
      await sleep(100);
    }
    await waitForDocument(this.page, url);
  }
  close() {
    return this.page.close();
  }
  /**
   * puppeteer's locator for the chain's first match: it waits until that is visible, enabled and
   * still, then acts with real input (trusted events, which Loupe's buttons require).
   */
  private locate(selector: Selector | Step[]) {
    // A function built from source: a locator's function takes no arguments, and only its source reaches
    // the page. It answers null until there is a match; the locator waits for a truthy answer.
    const first = new Function(`return ${matchesOf(selector)}[0] ?? null;`) as () => Element;
    return this.page.locator(first);
  }
  async click(selector: Selector) {
    await this.locate(selector).click();
  }
  async fill(selector: Selector, text: string) {
    await this.locate(selector).fill(text);
  }
  async select(selector: Selector, value: string) {
    const handle = await this.locate(selector).waitHandle();
    await (handle as unknown as ElementHandle<HTMLSelectElement>).select(value);
  }
  async clickButton(label: string, within?: Selector) {
    await this.locate([...(within ? stepsOf(within) : []), { css: 'button', text: label }]).click();
  }
  press(key: string) {
    return this.page.keyboard.press(key as Parameters<Page['keyboard']['press']>[0]);
  }
  async text(selector: Selector) {
    return (await this.texts(selector))[0] ?? null;
  }
  texts(selector: Selector) {
    return this.page.evaluate(`((__name) => (${shownTexts})(${matchesOf(selector)}))((f) => f)`) as Promise<string[]>;
  }
  count(selector: Selector) {
    return this.page.evaluate(`${matchesOf(selector)}.length`) as Promise<number>;
  }
  async attribute(selector: Selector, name: string) {
    return (await this.attributes(selector, name))[0] ?? null;
  }
  attributes(selector: Selector, name: string) {
    return this.page.evaluate(`${matchesOf(selector)}.map((element) => element.getAttribute(${JSON.stringify(name)}))`) as Promise<
      (string | null)[]
    >;
  }
  setViewport(width: number, height: number) {
    return this.page.setViewport({ width, height });
  }
}

/**
 * One Firefox for a whole run: starting Firefox ESR takes many seconds (its remote agent waits for
 * the browser's idle start-up tasks), so tests share it, and `freshInstall` gives each test what a
 * fresh profile would: Loupe uninstalled (Firefox then clears its storage, IndexedDB, notifications
 * and badge) and installed again, every tab closed, no cookies.
 */
export class FirefoxDriver implements LoupeBrowser {
  readonly name = 'firefox';
  readonly redirectUriPattern = FIREFOX_REDIRECT;
  /** A Loupe page kept open for reading the extension's state (notifications, badge, downloads). */
  private probe: FirefoxPage | null = null;

  private constructor(
    readonly browser: Browser,
    readonly extensionOrigin: string,
    private readonly geckoId: string,
    private readonly extensionDir: string,
  ) {}

  static async launch(options: FirefoxLaunchOptions): Promise<FirefoxDriver> {
    const { browser, extensionOrigin, geckoId, extensionDir } = await launchFirefoxWithExtension(options);
    return new FirefoxDriver(browser, extensionOrigin, geckoId, extensionDir);
  }

  /** Closes every tab but a blank one, then uninstalls and installs Loupe again: a fresh install. */
  async freshInstall(): Promise<void> {
    this.probe = null;
    const keep = await this.browser.newPage();
    for (const page of await this.browser.pages()) if (page !== keep) await page.close().catch(() => undefined);
    await this.browser.uninstallExtension(this.geckoId);
    await this.browser.deleteCookie(...(await this.browser.cookies()));
    await this.browser.installExtension(this.extensionDir);
  }

  async openExtensionPage(path: string) {
    const page = new FirefoxPage(await this.browser.newPage());
    await page.goto(`${this.extensionOrigin}/${path}`);
    return page;
  }
  async openPage(url: string) {
    const page = new FirefoxPage(await this.browser.newPage());
    await page.goto(url);
    return page;
  }
  /** Finds the tab by its document's address: puppeteer never learns the address of a moz-extension:// tab. */
  async waitForWindow(part: string) {
    const deadline = Date.now() + WINDOW_WAIT_MS;
    for (;;) {
      for (const page of await this.browser.pages()) {
        if (page === this.probe?.page) continue;
        if (page.url().includes(part)) return new FirefoxPage(page);
        const href = await Promise.race([page.evaluate(() => location.href).catch(() => ''), sleep(1_000).then(() => '')]);
        if (href.includes(part)) return new FirefoxPage(page, href.startsWith('moz-extension:') ? href : null);
      }
      if (Date.now() > deadline) throw new Error(`No window at an address with ${part} within ${WINDOW_WAIT_MS / 1000} s.`);
      await sleep(200);
    }
  }

  /** Runs `fn` in a Loupe page kept open for it: extension pages share the background's APIs. */
  private async inExtensionPage<R>(fn: () => Promise<R>): Promise<R> {
    this.probe ??= await this.openExtensionPage('welcome.html');
    return this.probe.evaluate(fn, undefined);
  }

  async restartBackground() {
    const before = await this.inExtensionPage(async () => {
      const background = await browser.runtime.getBackgroundPage();
      const started = background.performance.timeOrigin;
      background.location.reload();
      return started;
    });
    await (this.probe as FirefoxPage).page.waitForFunction(
      async (previous) => {
        const background = await browser.runtime.getBackgroundPage().catch(() => null);
        if (!background || background.performance.timeOrigin === previous) return false;
        const reply = (await browser.runtime.sendMessage({ loupe: 1, type: 'ping', payload: { from: 'options' } }).catch(() => null)) as {
          ok?: boolean;
        } | null;
        return reply?.ok === true;
      },
      { timeout: 15_000, polling: 200 },
      before,
    );
  }

  notificationIds() {
    return this.inExtensionPage(async () => Object.keys(await browser.notifications.getAll()));
  }
  async clearNotifications() {
    await this.inExtensionPage(async () => {
      for (const id of Object.keys(await browser.notifications.getAll())) await browser.notifications.clear(id);
    });
  }
  badgeText() {
    return this.inExtensionPage(() => browser.browserAction.getBadgeText({}));
  }

  async download(action: () => Promise<void>): Promise<DownloadedFile> {
    return followDownload(() => this.inExtensionPage(() => browser.downloads.search({})), action);
  }

  close() {
    return this.browser.close();
  }
}
