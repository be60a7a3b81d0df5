import type { TileCommand } from '../commands/index';
import { tileCommandOf } from '../messaging/to-content';
import { queryAll } from '../upwork/site/selectors';

/**
 * The content script's side of the job-list shortcuts: show or hide the jobs Loupe's rules hid,
 * and move the keyboard focus to the next or previous job. Kept small: the tiles' own rendering
 * lives with the tile features; this only flips a page attribute and moves focus.
 */

const SHOW_HIDDEN = 'data-loupe-show-hidden';
const STYLE_ID = 'loupe-tile-commands';
// #4b3fd1 is Loupe's accent (components/common/tokens.ts). Outranks the tile hub's `[data-loupe-hidden]{display:none!important}` while the user asked to see them.
const STYLE = `:root[${SHOW_HIDDEN}] [data-loupe-hidden]{display:block!important;opacity:.6}[data-loupe-focus]{outline:3px solid #4b3fd1!important;outline-offset:2px}`;

function ensureStyle(): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = STYLE;
  document.head.append(style);
}

function visibleTiles(): HTMLElement[] {
  const showHidden = document.documentElement.hasAttribute(SHOW_HIDDEN);
  return queryAll(document, 'jobTile').filter(
    (tile): tile is HTMLElement => tile instanceof HTMLElement && (showHidden || !tile.hasAttribute('data-loupe-hidden')),
  );
}

function moveFocus(step: 1 | -1): void {
  const tiles = visibleTiles();
  if (tiles.length === 0) return;
  const active = document.activeElement;
  const current = tiles.findIndex((tile) => tile.hasAttribute('data-loupe-focus') || (active !== null && tile.contains(active)));
  const next = tiles[current === -1 ? (step === 1 ? 0 : tiles.length - 1) : Math.min(tiles.length - 1, Math.max(0, current + step))];
  if (!next) return;
  for (const tile of tiles) tile.removeAttribute('data-loupe-focus');
  if (!next.hasAttribute('tabindex')) next.setAttribute('tabindex', '-1');
  next.setAttribute('data-loupe-focus', '');
  next.focus({ preventScroll: true });
  next.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
}

export function runTileCommand(command: TileCommand): void {
  ensureStyle();
  if (command === 'toggle-hidden-jobs') document.documentElement.toggleAttribute(SHOW_HIDDEN);
  else moveFocus(command === 'next-tile' ? 1 : -1);
}

/** Listens for the worker's `tile.command` until `signal` aborts; anything else is ignored. */
export function listenForTileCommands(
  onMessage: { addListener(listener: (message: unknown) => void): void; removeListener(listener: (message: unknown) => void): void },
  signal: AbortSignal,
): void {
  const listener = (message: unknown) => {
    const command = tileCommandOf(message);
    if (command) runTileCommand(command);
  };
  onMessage.addListener(listener);
  signal.addEventListener('abort', () => onMessage.removeListener(listener), { once: true });
}
