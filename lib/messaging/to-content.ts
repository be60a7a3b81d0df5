import { TILE_COMMANDS, type TileCommand } from '../commands/index';

/**
 * The one message the worker sends to Loupe's content script: a keyboard command for the job list.
 * The content script accepts it only from Loupe itself (`runtime.onMessage` never carries a web
 * page's messages) and only in this exact shape. Checked by hand, not with zod: the content
 * script carries no schema library.
 */
export interface TileCommandMessage {
  loupe: 1;
  type: 'tile.command';
  payload: { command: TileCommand };
}

export function tileCommandMessage(command: TileCommand): TileCommandMessage {
  return { loupe: 1, type: 'tile.command', payload: { command } };
}

const hasExactly = (value: object, keys: string[]) => {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
};

/** The command a worker message carries, or null for anything not exactly a `tile.command`. */
export function tileCommandOf(message: unknown): TileCommand | null {
  if (typeof message !== 'object' || message === null || !hasExactly(message, ['loupe', 'type', 'payload'])) return null;
  const { loupe, type, payload } = message as Record<string, unknown>;
  if (loupe !== 1 || type !== 'tile.command' || typeof payload !== 'object' || payload === null) return null;
  if (!hasExactly(payload, ['command'])) return null;
  const { command } = payload as Record<string, unknown>;
  return (TILE_COMMANDS as readonly unknown[]).includes(command) ? (command as TileCommand) : null;
}
