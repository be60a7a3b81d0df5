import type { BrowserContext, Locator, Page, Worker } from '@playwright/test';
import type { DownloadedFile, DownloadItem, LoupeBrowser, LoupePage, Selector } from './driver';
import { BasePage, followDownload, shownTexts, WINDOW_WAIT_MS } from './driver';
import { extensionIdOf, type LaunchOptions, launchWithExtension, serviceWorkerOf } from './extension';

/** Chrome's redirect URI for identity.launchWebAuthFlow: the extension id under chromiumapp.org. */
const CHROME_REDIRECT = /^https:\/\/[a-p]{32}\.chromiumapp\.org\/$/;

/** The few extension APIs read inside the service worker. */
declare const chrome: {
  notifications: { getAll(): Promise<Record<string, unknown>>; clear(id: string): Promise<boolean> };
  action: { getBadgeText(details: object): Promise<string> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  downloads: { search(query: object): Promise<DownloadItem[]> };
};

class ChromiumPage extends BasePage implements LoupePage {
  constructor(readonly page: Page) {
    super();
  }

  /** Chained locators look inside open shadow roots, as `>>>` does in the Firefox driver. */
  private locate(selector: Selector): Locator {
    const [first = '', ...rest] = typeof selector === 'string' ? [selector] : selector;
    return rest.reduce((scope, next) => scope.locator(next), this.page.locator(first));
  }

  async goto(url: string) {
    await this.page.goto(url);
  }
  url() {
    return this.page.url();
  }
  async reload() {
    await this.page.reload();
  }
  close() {
    return this.page.close();
  }
  click(selector: Selector) {
    return this.locate(selector).first().click();
  }
  fill(selector: Selector, text: string) {
    return this.locate(selector).first().fill(text);
  }
  async select(selector: Selector, value: string) {
    await this.locate(selector).first().selectOption(value);
  }
  clickButton(label: string, within?: Selector) {
    const scope = within ? this.locate(within) : this.page;
    return scope.getByRole('button', { name: label, exact: true }).first().click();
  }
  press(key: string) {
    return this.page.keyboard.press(key);
  }
  async text(selector: Selector) {
    return (await this.texts(selector))[0] ?? null;
  }
  texts(selector: Selector) {
    return this.locate(selector).evaluateAll(shownTexts);
  }
  count(selector: Selector) {
    return this.locate(selector).count();
  }
  async attribute(selector: Selector, name: string) {
    return (await this.attributes(selector, name))[0] ?? null;
  }
  attributes(selector: Selector, name: string) {
    return this.locate(selector).evaluateAll((elements, attribute) => elements.map((element) => element.getAttribute(attribute)), name);
  }
  setViewport(width: number, height: number) {
    return this.page.setViewportSize({ width, height });
  }
}

export class ChromiumDriver implements LoupeBrowser {
  readonly name = 'chromium';
  readonly redirectUriPattern = CHROME_REDIRECT;

  private constructor(
    readonly context: BrowserContext,
    readonly extensionOrigin: string,
  ) {}

  static async launch(options: LaunchOptions = {}): Promise<ChromiumDriver> {
    const context = await launchWithExtension(options);
    try {
      return new ChromiumDriver(context, `chrome-extension://${extensionIdOf(await serviceWorkerOf(context))}`);
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  /** Loupe's service worker now (a restarted worker is a new one). */
  worker(): Promise<Worker> {
    return serviceWorkerOf(this.context);
  }

  async openExtensionPage(path: string) {
    const page = await this.context.newPage();
    await page.goto(`${this.extensionOrigin}/${path}`);
    return new ChromiumPage(page);
  }
  async openPage(url: string) {
    const page = await this.context.newPage();
    await page.goto(url);
    return new ChromiumPage(page);
  }
  async waitForWindow(part: string) {
    const deadline = Date.now() + WINDOW_WAIT_MS;
    for (;;) {
      const page = this.context.pages().find((candidate) => candidate.url().includes(part));
      if (page) return new ChromiumPage(page);
      if (Date.now() > deadline) throw new Error(`No window at an address with ${part} within ${WINDOW_WAIT_MS / 1000} s.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async restartBackground() {
    const page = await this.context.newPage();
    try {
      const cdp = await this.context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
    } finally {
      await page.close();
    }
  }

  async notificationIds() {
    return (await this.worker()).evaluate(async () => Object.keys(await chrome.notifications.getAll()));
  }
  async clearNotifications() {
    await (await this.worker()).evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
  }
  async badgeText() {
    return (await this.worker()).evaluate(() => chrome.action.getBadgeText({}));
  }

  async download(action: () => Promise<void>): Promise<DownloadedFile> {
    return followDownload(async () => (await this.worker()).evaluate(() => chrome.downloads.search({})), action);
  }

  close() {
    return this.context.close();
  }
}
