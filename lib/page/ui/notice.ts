import { trusted } from '../../helpers/dom';
import { createIsland } from './island';

/**
 * Page-level lines ("Sign in to Loupe…"): at most one per notice id per page view, however many
 * tiles or features run into the same condition. A fixed corner line, so it needs no landmark.
 */

const noticeCss = `
.loupe-notice { position: fixed; left: 16px; bottom: 16px; z-index: 2147483000; display: flex; gap: 8px; align-items: center;
  max-width: min(420px, calc(100vw - 32px)); padding: 6px 10px; border-radius: 6px; border: 1px solid var(--loupe-border);
  background: var(--loupe-bg); box-shadow: 0 2px 8px rgb(0 0 0 / 0.15); }
.loupe-notice-mark { font-weight: 600; color: var(--loupe-accent); }
`;

export class PageNotices {
  private readonly shown = new Map<string, AbortController>();

  constructor(private readonly signal: AbortSignal) {}

  /** Shows `text` once for `id` on this page view; later calls with the same id do nothing. */
  show(id: string, text: string): void {
    if (this.signal.aborted || this.shown.has(id)) return;
    const controller = new AbortController();
    this.signal.addEventListener('abort', () => controller.abort(), { once: true });
    this.shown.set(id, controller);
    const island = createIsland({
      name: 'notice',
      signal: controller.signal,
      css: noticeCss,
      dataset: { loupeNotice: id },
      place: (host) => {
        document.body.append(host);
        return true;
      },
    });
    const line = document.createElement('div');
    line.className = 'loupe-notice';
    line.setAttribute('role', 'status');
    const mark = document.createElement('span');
    mark.className = 'loupe-notice-mark';
    mark.textContent = 'Loupe';
    const message = document.createElement('span');
    message.textContent = text;
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.textContent = '×';
    dismiss.setAttribute('aria-label', 'Dismiss this Loupe message');
    // Dismissed stays dismissed for this page view: the id remains in `shown`.
    dismiss.addEventListener(
      'click',
      trusted(() => controller.abort()),
    );
    line.append(mark, message, dismiss);
    island.body.append(line);
  }

  isShown(id: string): boolean {
    return this.shown.has(id) && !this.shown.get(id)?.signal.aborted;
  }
}

export const SIGNED_OUT_NOTICE = {
  id: 'signed-out',
  text: 'Sign in to Loupe to see client stats: click Loupe’s icon in the browser toolbar.',
} as const;
