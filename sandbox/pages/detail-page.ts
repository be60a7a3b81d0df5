import { findJob } from '../data/search';
import type { PageContext } from './context';
import { renderNotFound } from './home-page';
import { jobDetailBody } from './job-detail';
import type { PageResult } from './layout';

/** /jobs/<slug>_~02<id>/, /jobs/~02<id>, /freelance-jobs/apply/<slug>_~02<id>/ */
export function renderJobPage(ctx: PageContext, id: string, path: string): PageResult {
  const found = findJob(ctx.dataset, id);
  if (!found) return renderNotFound(path);
  return { status: 200, title: found.job.title || 'Job details', main: jobDetailBody(ctx, found.job, found.client) };
}
