import { HttpError, hostOf, type Req, type Res, send, sendJson } from './http';
import { serveAsset, servePage, servePageData } from './pages/handler';
import type { SandboxState } from './state';

export const API_HOST = 'api.upwork.com';
export const WWW_HOST = 'www.upwork.com';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);
export const TOKEN_PATH = '/api/v3/oauth2/token';
export const AUTHORIZE_PATH = '/ab/account-security/oauth2/authorize';

export interface Handlers {
  graphql(state: SandboxState, req: Req, res: Res): Promise<void>;
  token(state: SandboxState, req: Req, res: Res): Promise<void>;
  authorize(state: SandboxState, req: Req, res: Res, url: URL): Promise<void>;
  admin(state: SandboxState, req: Req, res: Res, url: URL): Promise<void>;
}

/** Upwork answers by host name: the API on api.upwork.com, pages and OAuth on www (127.0.0.1 and localhost serve both). */
export async function route(state: SandboxState, handlers: Handlers, req: Req, res: Res): Promise<void> {
  const host = hostOf(req);
  const url = new URL(req.url ?? '/', `https://${host || WWW_HOST}`);
  const path = url.pathname;
  const isApi = host === API_HOST || LOCAL_HOSTS.has(host);
  const isWww = host === WWW_HOST || host.endsWith('.upwork.com') || LOCAL_HOSTS.has(host);
  try {
    if (path.startsWith('/__sandbox/assets/')) return serveAsset(res, path.slice('/__sandbox/assets/'.length));
    if (path === '/__sandbox/page-data') return servePageData(state, res, url);
    if (path.startsWith('/__sandbox/')) return await handlers.admin(state, req, res, url);
    if (path === TOKEN_PATH) return await handlers.token(state, req, res);
    if (isApi && path === '/graphql') return await handlers.graphql(state, req, res);
    if (host === API_HOST) return sendJson(res, 404, { message: 'Not Found' });
    if (isWww && path === AUTHORIZE_PATH) return await handlers.authorize(state, req, res, url);
    if (isWww && (req.method === 'GET' || req.method === 'HEAD')) return servePage(state, req, res, url);
    return send(res, 405, 'Method not allowed', 'text/plain; charset=utf-8');
  } catch (error) {
    if (error instanceof HttpError) return sendJson(res, error.status, { message: error.message });
    if (!state.settings.quiet) console.error('[sandbox] handler failed:', error);
    return sendJson(res, 500, { message: 'Internal sandbox error' });
  }
}
