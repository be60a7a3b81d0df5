import type { BrowserContext, Page } from '@playwright/test';
import { jobUrl } from '../../lib/upwork/site/urls';
import type { Sandbox } from '../../sandbox/server';
import { SEARCH_URL } from './walkthrough';

/**
 * Screenshots of every surface Loupe draws, light and dark: its own pages follow the browser's
 * colour scheme, its overlays follow Upwork's theme (`?theme=dark` on the sandbox's pages).
 */

type Scheme = 'light' | 'dark';

interface Surface {
  name: string;
  width: number;
  height: number;
  url(extensionId: string, scheme: Scheme): string;
  /** Something that shows the surface is ready to be pictured. */
  ready: string;
}

const themed = (url: string, scheme: Scheme) => (scheme === 'dark' ? `${url}${url.includes('?') ? '&' : '?'}theme=dark` : url);

function surfaces(sandbox: Sandbox): Surface[] {
  const job = sandbox.dataset.jobs[0];
  const freelancer = sandbox.dataset.freelancers.find((f) => !f.hideJss && f.jobSuccessScore !== null);
  const page = (name: string, path: string, ready: string, width = 1100, height = 800): Surface => ({
    name,
    width,
    height,
    ready,
    url: (id) => `chrome-extension://${id}/${path}`,
  });
  const upwork = (name: string, url: string, ready: string): Surface => ({
    name,
    width: 1280,
    height: 900,
    ready,
    url: (_id, scheme) => themed(url, scheme),
  });
  return [
    page('welcome', 'welcome.html', 'h1'),
    page('settings-account', 'options.html#/account', '[data-testid="account-name"]'),
    page('settings-rules', 'options.html#/rules', '[data-testid="rules-editor"]'),
    page('settings-alerts', 'options.html#/alerts', '[data-testid="saved-searches"]'),
    page('settings-about', 'options.html#/about', '[data-testid="shortcuts"]'),
    page('popup', 'popup.html', '[data-testid="requests-today"]', 380, 640),
    upwork('job-search', SEARCH_URL, 'loupe-tile-panel[data-loupe-state="ready"]'),
    ...(job ? [upwork('job-page', jobUrl(job.id), 'loupe-job-activity[data-loupe-state="ready"]')] : []),
    ...(freelancer
      ? [
          upwork(
            'freelancer',
            `https://www.upwork.com/freelancers/${freelancer.profileKey}`,
            'loupe-profile-stats[data-loupe-state="ready"]',
          ),
        ]
      : []),
  ];
}

async function picture(page: Page, surface: Surface, extensionId: string, scheme: Scheme, out: string): Promise<string> {
  await page.setViewportSize({ width: surface.width, height: surface.height });
  await page.goto(surface.url(extensionId, scheme));
  await page.locator(surface.ready).first().waitFor({ timeout: 15_000 });
  const path = `${out}/${scheme}-${surface.name}.png`;
  await page.screenshot({ path });
  return path;
}

/** Saves `<out>/<scheme>-<surface>.png` for each; returns the ones that could not be pictured, in words. */
export async function pictureSurfaces(options: {
  context: BrowserContext;
  extensionId: string;
  sandbox: Sandbox;
  out: string;
}): Promise<string[]> {
  const problems: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    const page = await options.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    for (const surface of surfaces(options.sandbox)) {
      await picture(page, surface, options.extensionId, scheme, options.out).catch((error: unknown) =>
        problems.push(`${scheme} ${surface.name}: ${String(error).split('\n')[0]}`),
      );
    }
    await page.close();
  }
  return problems;
}
