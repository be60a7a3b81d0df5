/**
 * Styles shared by every Loupe island. Loupe's own indigo accent, never the marketplace's brand
 * colours. `:host` resets everything the page could leak in.
 */
export const baseCss = `
:host { all: initial !important; display: block !important; }
:host([hidden]) { display: none !important; }
.loupe-root {
  --loupe-fg: #1d1b2e; --loupe-bg: #f7f6ff; --loupe-muted: #5f5b78; --loupe-accent: #4b3fd1;
  --loupe-border: #dddaf3; --loupe-good: #1b7a3d; --loupe-warn: #9a5b00; --loupe-bad: #b3261e;
}
.loupe-root[data-theme="dark"] {
  --loupe-fg: #ecebf5; --loupe-bg: #1f1d33; --loupe-muted: #aaa7c6; --loupe-accent: #a79cff;
  --loupe-border: #3a3757; --loupe-good: #7bd89a; --loupe-warn: #f0b35b; --loupe-bad: #ff8a80;
}
.loupe-root { font: 12px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--loupe-fg); }
.loupe-sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
button { font: inherit; color: var(--loupe-accent); background: none; border: 1px solid var(--loupe-border); border-radius: 4px; padding: 0 6px; cursor: pointer; }
button:focus-visible, a:focus-visible { outline: 2px solid var(--loupe-accent); outline-offset: 1px; }
`;

/** Puts a feature's CSS, once, into the shadow root `element` lives in (a tile panel or title slot shared by many features). */
export function ensureStyle(element: HTMLElement, id: string, css: string): void {
  const root = element.getRootNode();
  if (!(root instanceof ShadowRoot) || root.getElementById(id)) return;
  const style = document.createElement('style');
  style.id = id;
  style.textContent = css;
  root.prepend(style);
}
