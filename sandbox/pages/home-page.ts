import type { PageContext } from './context';
import { html } from './html';
import type { PageResult } from './layout';

export function renderHomePage(ctx: PageContext): PageResult {
  const job = ctx.dataset.jobs[0];
  const freelancer = ctx.dataset.freelancers[0];
  const main = html`<div class="home">
  <h1>Marketplace sandbox</h1>
  <p>A local imitation of the marketplace's pages, OAuth server and GraphQL API, for Loupe's demo and tests. Nothing here is real.</p>
  <ul class="home-links">
    <li><a href="/nx/search/jobs/?q=react">Job search: “react”</a></li>
    <li><a href="/nx/search/jobs/">Job search: everything</a></li>
    <li><a href="/nx/find-work/best-matches">Find work: best matches</a></li>
    <li><a href="/nx/find-work/most-recent">Find work: most recent</a></li>
    <li><a href="/nx/find-work/saved-jobs">Find work: saved jobs</a></li>
    ${job ? html`<li><a href="/jobs/~02${job.id}">A job posting</a></li>` : ''}
    ${freelancer ? html`<li><a href="/freelancers/${freelancer.profileKey}">A freelancer profile</a></li>` : ''}
  </ul>
</div>`;
  return { status: 200, title: 'Marketplace sandbox', main };
}

export function renderNotFound(path: string): PageResult {
  return {
    status: 404,
    title: 'Page not found',
    main: html`<div class="not-found"><h1>Page not found</h1><p>Nothing lives at <code>${path}</code> in the sandbox.</p><p><a href="/">Go to the start page</a></p></div>`,
  };
}
