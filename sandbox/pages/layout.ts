import { html, type SafeHtml } from './html';

export interface PageResult {
  status: number;
  title: string;
  main: SafeHtml;
  /** Job detail shown in the slider over a list (search/feeds details routes). */
  slider?: SafeHtml;
  /** The list URL a slider closes back to; also identifies the list for client-side routing. */
  listUrl?: string;
}

export function sliderMarkup(drop: ReadonlySet<string>, content: SafeHtml): SafeHtml {
  const cls = ['air3-slider-content'].filter((c) => !drop.has(c)).join(' ');
  return html`<div class="air3-slider" role="dialog" aria-modal="true" aria-label="Job details">
  <div class="air3-slider-backdrop" data-test="slider-backdrop"></div>
  <div class="${cls} slider-panel">
    <button type="button" class="slider-close" data-test="slider-close" aria-label="Close the job details">← Back</button>
    ${content}
  </div>
</div>`;
}

/** The whole document: header, main, optional slider, the sandbox's client script. */
export function renderDocument(page: PageResult, theme: 'light' | 'dark', drop: ReadonlySet<string>): string {
  return html`<!doctype html>
<html lang="en" theme="${theme}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title}</title>
<link rel="stylesheet" href="/__sandbox/assets/site.css">
<script src="/__sandbox/assets/app.js" defer></script>
</head>
<body>
<header class="site-header">
  <a class="brand" href="/">Marketplace sandbox</a>
  <nav>
    <a href="/nx/find-work/best-matches">Find work</a>
    <a href="/nx/search/jobs/">Search jobs</a>
    <a href="/nx/find-work/saved-jobs">Saved jobs</a>
  </nav>
  <button type="button" class="theme-toggle" data-test="theme-toggle" aria-label="Switch light or dark theme">◐ Theme</button>
</header>
<main id="main" data-list-url="${page.listUrl ?? ''}">${page.main}</main>
<div id="slider-root">${page.slider ? sliderMarkup(drop, page.slider) : ''}</div>
</body>
</html>`.value;
}
