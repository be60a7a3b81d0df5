/**
 * Loupe's keyboard commands (the `commands` API). The browser lets the user rebind them; these are
 * the suggested keys. `_execute_action` opens the popup (Chrome MV3; Firefox MV2 calls it
 * `_execute_browser_action`). The others go from the worker to the content script of the active
 * upwork.com tab as a `tile.command` message.
 */
export const TILE_COMMANDS = ['toggle-hidden-jobs', 'next-tile', 'previous-tile'] as const;
export type TileCommand = (typeof TILE_COMMANDS)[number];

export interface CommandSpec {
  /** Suggested key, as the manifest spells it. */
  key: string;
  description: string;
}

export const OPEN_POPUP: CommandSpec = { key: 'Alt+Shift+L', description: 'Open Loupe' };

export const TILE_COMMAND_SPECS: Record<TileCommand, CommandSpec> = {
  'toggle-hidden-jobs': { key: 'Alt+Shift+H', description: 'Show or hide the jobs your rules hide' },
  'next-tile': { key: 'Alt+Shift+J', description: 'Go to the next job on the list' },
  'previous-tile': { key: 'Alt+Shift+K', description: 'Go to the previous job on the list' },
};

/** The manifest's `commands`, for wxt.config.ts. */
export function manifestCommands(browser: string): Record<string, { suggested_key: { default: string }; description: string }> {
  const action = browser === 'firefox' ? '_execute_browser_action' : '_execute_action';
  const entries: [string, CommandSpec][] = [[action, OPEN_POPUP], ...Object.entries(TILE_COMMAND_SPECS)];
  return Object.fromEntries(entries.map(([name, spec]) => [name, { suggested_key: { default: spec.key }, description: spec.description }]));
}

export function isTileCommand(name: string): name is TileCommand {
  return (TILE_COMMANDS as readonly string[]).includes(name);
}
