import type { TileCommand } from '../commands/index';
import { tileCommandOf } from '../messaging/to-content';
import { queryAll } from '../upwork/site/selectors';

/**
 * The content script's side of the job-list shortcuts: show or hide the jobs Loupe's rules hid
 * (the filter feature's hidden-jobs row listens, see onToggleHiddenJobs), and move the keyboard
 * focus to the next or previous job the user can see.
 */

const STYLE_ID = 'loupe-tile-commands';
// #4b3fd1 is Loupe's accent (components/common/tokens.ts).
const STYLE = '[data-loupe-focus]{outline:3px solid #4b3fd1!important;outline-offset:2px}';

const toggleListeners = new Set<() => void>();

/** Calls `listener` when the user presses the show/hide-hidden-jobs shortcut, until `signal` aborts. */
export function onToggleHiddenJobs(listener: () => void, signal: AbortSignal): void {
  toggleListeners.add(listener);
  signal.addEventListener('abort', () => toggleListeners.delete(listener), { once: true });
}

function ensureStyle(): void {
  if (document.getElementById(STYLE_ID)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = STYLE;
  document.head.append(style);
}

/** Tiles on screen: a job the rules hid has no box, and the focus skips it. */
function visibleTiles(): HTMLElement[] {
  return queryAll(document, 'jobTile').filter(
    (tile): tile is HTMLElement => tile instanceof HTMLElement && tile.getClientRects().length > 0,
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
  if (command === 'toggle-hidden-jobs') {
    for (const listener of [...toggleListeners]) listener();
    return;
  }
  ensureStyle();
  moveFocus(command === 'next-tile' ? 1 : -1);
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
