import type { PageContext } from './context';
import { renderHomePage, renderNotFound } from './home-page';
import type { PageResult } from './layout';
import { renderSearchPage } from './search-page';

/** Which page a www.upwork.com URL shows; unknown paths get a 404 page. */
export function resolvePage(ctx: PageContext, url: URL): PageResult {
  const path = url.pathname;
  if (path === '/') return renderHomePage(ctx);
  if (path === '/nx/search/jobs' || path === '/nx/search/jobs/') return renderSearchPage(ctx, url);
  return renderNotFound(path);
}
