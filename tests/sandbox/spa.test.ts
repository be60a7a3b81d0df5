import { type Browser, chromium, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../sandbox/server';
import { findChromium } from '../../testkit/chromium';

/** The pages' single-page-app behaviour in a real Chromium, reached through the host-resolver flags. */
function chromiumPath(): string | null {
  try {
    return findChromium();
  } catch {
    return null;
  }
}
const executablePath = chromiumPath();

let sandbox: Sandbox;
let browser: Browser;
let page: Page;

const tiles = () => page.locator('article[data-test="JobTile"]');
const sliderGone = () => page.waitForFunction(() => !document.querySelector('.air3-slider-content'));

describe.skipIf(!executablePath)('sandbox pages in Chromium', () => {
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, quiet: true });
    browser = await chromium.launch({
      executablePath: executablePath ?? undefined,
      args: [...sandbox.chromiumArgs, '--headless=new', '--disable-gpu'],
    });
    page = await browser.newPage();
    page.on('dialog', () => {
      throw new Error('A page dialog opened: some data ran as markup');
    });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  it('opens the slider over the search list with pushState, and Escape goes back', async () => {
    await page.goto('https://www.upwork.com/nx/search/jobs/?q=react');
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    const id = await tiles().first().getAttribute('data-ev-job-uid');
    await page.locator('a[data-test="job-tile-title-link"]').first().click();
    await page.locator('.air3-slider-content [data-test="about-client-container"]').waitFor();
    expect(page.url()).toBe(`https://www.upwork.com/nx/search/jobs/details/~02${id}?q=react`);
    await page.keyboard.press('Escape');
    await sliderGone();
    expect(page.url()).toBe('https://www.upwork.com/nx/search/jobs/?q=react');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  });

  it('appends the next page on Load more, and the slider close button keeps the grown list', async () => {
    await page.locator('[data-test="load-more"]').click();
    await page.waitForFunction(() => document.querySelectorAll('article[data-test="JobTile"]').length === 20);
    const ids = await tiles().evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-ev-job-uid')));
    expect(new Set(ids).size).toBe(20);
    await page.locator('a[data-test="job-tile-title-link"]').nth(15).click();
    await page.locator('.air3-slider-content').waitFor();
    await page.locator('[data-test="slider-close"]').click();
    await sliderGone();
    expect(await tiles().count()).toBe(20);
  });

  it('changes routes without a page load, and back/forward work', async () => {
    await page.locator('header a[href="/nx/find-work/best-matches"]').click();
    await page.locator('section[data-ev-sublocation="job_feed_tile"]').first().waitFor();
    expect(page.url()).toBe('https://www.upwork.com/nx/find-work/best-matches');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    await page.goBack();
    await tiles().first().waitFor();
    expect(page.url()).toBe('https://www.upwork.com/nx/search/jobs/?q=react');
    await page.goForward();
    await page.locator('section[data-ev-sublocation="job_feed_tile"]').first().waitFor();
    await page.locator('h3.job-tile-title a').first().click();
    await page.locator('.air3-slider-content').waitFor();
    expect(page.url()).toMatch(/\/nx\/find-work\/best-matches\/details\/~02\d+$/);
    await page.goBack();
    await sliderGone();
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  });

  it('grows a feed when the user scrolls to the end', async () => {
    const feedTiles = page.locator('section[data-ev-sublocation="job_feed_tile"]');
    expect(await feedTiles.count()).toBe(10);
    await page.mouse.wheel(0, 50_000);
    await page.waitForFunction(() => document.querySelectorAll('section[data-ev-sublocation="job_feed_tile"]').length > 10);
  });

  it('keeps markup-looking titles as text after a client-side search', async () => {
    await page.locator('header a[href="/nx/search/jobs/"]').click();
    await page.locator('[data-test="search-input"]').fill('onerror');
    await page.locator('[data-test="search-input"]').press('Enter');
    await page.waitForURL('https://www.upwork.com/nx/search/jobs/?q=onerror');
    const link = page.locator('a[data-test="job-tile-title-link"]').first();
    expect(await link.textContent()).toBe('<img src=x onerror=alert(1)> Image gallery fix');
    expect(await page.locator('main img').count()).toBe(0);
  });

  it('switches to the dark theme', async () => {
    await page.locator('[data-test="theme-toggle"]').click();
    expect(await page.getAttribute('html', 'theme')).toBe('dark');
  });
});
