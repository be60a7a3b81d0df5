import { readFile } from 'node:fs/promises';

/**
 * What a test or the demo does with a browser that has Loupe installed, the same words for Chromium
 * (Playwright) and Firefox (puppeteer over WebDriver BiDi): open pages, click, type, read text.
 * Scenarios written against these two interfaces run unchanged in both browsers.
 */

/**
 * A CSS selector, or a chain of them: each next selector is looked up inside the match of the one
 * before, its shadow root included (how Loupe's islands are reached).
 */
export type Selector = string | readonly string[];

/** How long `waitForWindow` looks for a tab: a fresh install's welcome tab on a busy two-core machine can take 15 s and more. */
export const WINDOW_WAIT_MS = 30_000;

export type BrowserName = 'chromium' | 'firefox';

export interface LoupePage {
  goto(url: string): Promise<void>;
  url(): string;
  reload(): Promise<void>;
  close(): Promise<void>;
  /** Clicks the first match once it is visible and enabled. */
  click(selector: Selector): Promise<void>;
  /** Replaces the text of the first matching field. */
  fill(selector: Selector, text: string): Promise<void>;
  /** Picks the option with this value in the first matching <select>. */
  select(selector: Selector, value: string): Promise<void>;
  /** Presses a key (e.g. 'Enter', 'Escape') on whatever has focus. */
  press(key: string): Promise<void>;
  /** Clicks the button labelled `label` (inside `within`, when given), as a person picks it by its words. */
  clickButton(label: string, within?: Selector): Promise<void>;
  /**
   * The first match's text as shown, its shadow root's included (style sheets left out), spaces
   * collapsed; null when nothing matches. Reads at once, without waiting.
   */
  text(selector: Selector): Promise<string | null>;
  /** Every match's text, trimmed. */
  texts(selector: Selector): Promise<string[]>;
  count(selector: Selector): Promise<number>;
  /** An attribute of the first match; null when nothing matches or it has none. */
  attribute(selector: Selector, name: string): Promise<string | null>;
  /** The attribute of every match. */
  attributes(selector: Selector, name: string): Promise<(string | null)[]>;
  /** Runs `fn` in the page (in Loupe's pages, with the extension APIs at hand). */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Sends a raw Loupe message from this extension page, as Loupe's own pages do. */
  send(type: string, payload: unknown): Promise<unknown>;
  /** A PNG of what the page shows (the demo saves these). */
  screenshot(path: string): Promise<void>;
  /** The size of the page's viewport, in CSS pixels (the demo's pictures). */
  setViewport(width: number, height: number): Promise<void>;
}

/** The extension API both browsers give Loupe's pages for messages (`browser.*` in Firefox, `chrome.*` in Chromium). */
type RuntimeHost = { browser?: { runtime: { sendMessage(message: unknown): Promise<unknown> } } } & {
  chrome?: { runtime: { sendMessage(message: unknown): Promise<unknown> } };
};

/** What both page drivers do alike through their library's page (`evaluate`, `screenshot`); messages go through `evaluate`. */
export abstract class BasePage implements Pick<LoupePage, 'evaluate' | 'send' | 'screenshot'> {
  abstract readonly page: {
    screenshot(options: { path: string }): Promise<unknown>;
    // Each library types its evaluate its own way; `never` lets both in.
    evaluate(fn: never, arg: never): Promise<unknown>;
  };

  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    return this.page.evaluate(fn as never, arg as never) as Promise<R>;
  }

  send(type: string, payload: unknown) {
    return this.evaluate(
      (message) => {
        const host = globalThis as RuntimeHost;
        const runtime = (host.browser ?? host.chrome)?.runtime;
        if (!runtime) throw new Error('No extension API on this page: send() works on Loupe’s own pages.');
        return runtime.sendMessage(message);
      },
      { loupe: 1, type, payload },
    );
  }
  async screenshot(path: string) {
    await this.page.screenshot({ path });
  }
}

/** What the downloads API's `search` tells of one download. */
export interface DownloadItem {
  id: number;
  filename: string;
  state: string;
}

export interface DownloadedFile {
  /** Where the browser saved it (Playwright's Chromium saves under a generated name; Firefox keeps Loupe's). */
  path: string;
  text: string;
}

export interface LoupeBrowser {
  readonly name: BrowserName;
  /** chrome-extension://<id> or moz-extension://<uuid>, without a trailing slash. */
  readonly extensionOrigin: string;
  /** The OAuth redirect URI this browser gives Loupe (https://<id>.chromiumapp.org/, https://<hash>.extensions.allizom.org/). */
  readonly redirectUriPattern: RegExp;
  /** Opens one of Loupe's pages (options.html, popup.html) in a new tab. */
  openExtensionPage(path: string): Promise<LoupePage>;
  /** Opens a web page in a new tab. */
  openPage(url: string): Promise<LoupePage>;
  /** The next window or tab whose address contains `part` (the sign-in window, for one). */
  waitForWindow(part: string): Promise<LoupePage>;
  /** Stops Loupe's background (MV3 service worker, MV2 background page) and waits until a new one answers. */
  restartBackground(): Promise<void>;
  /** The ids of the notifications Loupe shows now. */
  notificationIds(): Promise<string[]>;
  clearNotifications(): Promise<void>;
  /** The text on Loupe's toolbar button. */
  badgeText(): Promise<string>;
  /** Runs `action`, after which Loupe's background saves one file through the downloads API; returns it once complete. */
  download(action: () => Promise<void>): Promise<DownloadedFile>;
  close(): Promise<void>;
}

/**
 * What `text`/`texts` read, run in the page by both drivers (so it uses nothing but the DOM): the
 * element's shadow root when it has an open one, else the element, without style sheets.
 */
export function shownTexts(elements: Element[]): string[] {
  return elements.map((element) => {
    const root = element.shadowRoot ?? element;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('style, script')) text += node.textContent ?? '';
    }
    return text.replace(/\s+/g, ' ').trim();
  });
}

/**
 * Runs `action`, then waits for one new download in `search` (the downloads API's list) to finish
 * and reads the file. Both drivers use it: Loupe's background saves exports through that API.
 */
export async function followDownload(search: () => Promise<DownloadItem[]>, action: () => Promise<void>): Promise<DownloadedFile> {
  const before = new Set((await search()).map((item) => item.id));
  await action();
  const deadline = Date.now() + 15_000;
  for (;;) {
    const added = (await search()).filter((item) => !before.has(item.id));
    if (added.length > 1) throw new Error(`Expected one download, got ${added.length}: ${added.map((item) => item.filename).join(', ')}`);
    const [item] = added;
    if (item?.state === 'interrupted') throw new Error(`The download of ${item.filename} was interrupted.`);
    if (item?.state === 'complete') return { path: item.filename, text: await readFile(item.filename, 'utf8') };
    if (Date.now() > deadline)
      throw new Error(`No download finished within 15 s (${item ? `${item.filename}: ${item.state}` : 'none started'}).`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
