import { readFileSync } from 'node:fs';
import { type Req, type Res, send, sendHtml, sendJson } from '../http';
import type { SandboxState } from '../state';
import { createPageContext } from './context';
import { renderDocument, sliderMarkup } from './layout';
import { resolvePage } from './router';

const ASSETS: Record<string, string> = { 'app.js': 'text/javascript; charset=utf-8', 'site.css': 'text/css; charset=utf-8' };

function theme(req: Req, url: URL): 'light' | 'dark' {
  const asked = url.searchParams.get('theme');
  if (asked === 'dark' || asked === 'light') return asked;
  return /(?:^|;\s*)sandbox-theme=dark/.test(req.headers.cookie ?? '') ? 'dark' : 'light';
}

/** A full server-rendered page of www.upwork.com. */
export function servePage(state: SandboxState, req: Req, res: Res, url: URL): void {
  const ctx = createPageContext(state.dataset, state.startedAt, state.faults.dropLandmarks);
  const page = resolvePage(ctx, url);
  sendHtml(res, page.status, renderDocument(page, theme(req, url), ctx.drop));
}

/**
 * GET /__sandbox/page-data?url=<path and query>: what the client script needs to re-render
 * after a pushState (SPA navigation, slider, infinite scroll) without a page load.
 */
export function servePageData(state: SandboxState, res: Res, url: URL): void {
  const target = new URL(url.searchParams.get('url') ?? '/', 'https://www.upwork.com');
  const ctx = createPageContext(state.dataset, state.startedAt, state.faults.dropLandmarks);
  const page = resolvePage(ctx, target);
  sendJson(res, 200, {
    status: page.status,
    title: page.title,
    main: page.main.value,
    slider: page.slider ? sliderMarkup(ctx.drop, page.slider).value : null,
    listUrl: page.listUrl ?? null,
  });
}

const assetCache = new Map<string, string>();

export function serveAsset(res: Res, name: string): void {
  const type = ASSETS[name];
  if (!type) {
    send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    return;
  }
  let body = assetCache.get(name);
  if (body === undefined) {
    body = readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
    if (process.env.NODE_ENV === 'production') assetCache.set(name, body);
  }
  send(res, 200, body, type);
}
