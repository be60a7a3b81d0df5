import { z } from 'zod';
import { TILE_COMMANDS, type TileCommand } from '../commands/index';

/**
 * The one message the worker sends to Loupe's content script: a keyboard command for the job list.
 * The content script accepts it only from Loupe itself (`runtime.onMessage` never carries a web
 * page's messages) and only in this exact shape.
 */
export const tileCommandMessageSchema = z.strictObject({
  loupe: z.literal(1),
  type: z.literal('tile.command'),
  payload: z.strictObject({ command: z.enum(TILE_COMMANDS) }),
});
export type TileCommandMessage = z.infer<typeof tileCommandMessageSchema>;

export function tileCommandMessage(command: TileCommand): TileCommandMessage {
  return { loupe: 1, type: 'tile.command', payload: { command } };
}
