import { z } from 'zod';
import { defineMessages, message } from '../define';

export const coreMessages = defineMessages({
  ping: message(['extension-page', 'content-script'], () => ({
    request: z.strictObject({ from: z.enum(['popup', 'options', 'content']) }),
    response: z.strictObject({ pong: z.literal(true), version: z.string(), receivedFrom: z.string() }),
  })),
});
