import { onRemovals } from '../../helpers/observe';
import { TEST_BUILD, testMark } from '../../helpers/test-build';
import { baseCss } from './styles';
import { followTheme } from './theme';

/**
 * A Loupe island: a `<loupe-…>` host with a closed shadow root, so the page's CSS can't reach in,
 * ours can't leak out, and the page's scripts can neither read what Loupe shows (notes, tags,
 * reasons) nor press its buttons (`host.shadowRoot` is null; handlers also require trusted events).
 * Test builds open the root so Playwright's selectors can pierce it (see helpers/test-build.ts).
 * Events from inside stop at the shadow root: a click on a tile's panel must not open the job
 * slider, typing in a Loupe field must not trigger Upwork's shortcuts.
 */

/** Events that stop at the island boundary (after our own handlers inside have run). */
const ISOLATED_EVENTS = [
  'click',
  'dblclick',
  'auxclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'pointerdown',
  'pointerup',
  'touchstart',
  'touchend',
  'keydown',
  'keyup',
  'keypress',
  'input',
  'change',
  'focusin',
  'focusout',
  'submit',
  'wheel',
] as const;

export interface IslandOptions {
  /** Suffix of the host's tag: `loupe-<name>`. */
  name: string;
  signal: AbortSignal;
  /** Extra CSS for this island, after the shared base. */
  css?: string;
  /** Puts the host into the page; returns false when its anchor is gone. Called again if a page re-render drops the host. */
  place: (host: HTMLElement) => boolean;
  /** Host attributes (all `data-loupe-*`), for tests: written in test builds only. */
  dataset?: Record<string, string>;
}

export interface Island {
  host: HTMLElement;
  shadow: ShadowRoot;
  /** The element inside the shadow root to render into. */
  body: HTMLElement;
}

/**
 * The usual `place`: right before `element` (or first inside it), for as long as `element` is on
 * the page; once the page drops it, the island stays out.
 */
export function placeBy(element: Element, where: 'before' | 'prepend' = 'before'): (host: HTMLElement) => boolean {
  return (host) => {
    if (!element.isConnected) return false;
    if (where === 'prepend') element.prepend(host);
    else element.before(host);
    return true;
  };
}

/** How often one island may be put back after the page removed it, before we assume the page means it. */
const MAX_REATTACH = 20;

export function createIsland({ name, signal, css, place, dataset }: IslandOptions): Island {
  const host = document.createElement(`loupe-${name}`);
  testMark(host, 'loupeIsland', name);
  for (const [key, value] of Object.entries(dataset ?? {})) testMark(host, key, value);
  const shadow = host.attachShadow({ mode: TEST_BUILD ? 'open' : 'closed' });
  const style = document.createElement('style');
  style.textContent = css ? baseCss + css : baseCss;
  const body = document.createElement('div');
  body.className = 'loupe-root';
  shadow.append(style, body);
  for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, stop);
  followTheme(body, signal);

  place(host);
  let reattached = 0;
  // Vue re-renders may drop nodes they don't own; put the same host (state intact) back.
  onRemovals(
    () => {
      if (host.isConnected || reattached >= MAX_REATTACH) return;
      if (place(host)) reattached += 1;
    },
    { signal },
  );
  signal.addEventListener('abort', () => host.remove(), { once: true });
  return { host, shadow, body };
}

function stop(event: Event): void {
  event.stopPropagation();
}
