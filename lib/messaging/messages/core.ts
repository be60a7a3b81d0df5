import { z } from 'zod';
import { defineMessages } from '../define';

export const coreMessages = defineMessages({
  ping: {
    request: z.strictObject({ from: z.enum(['popup', 'options', 'content']) }),
    response: z.strictObject({ pong: z.literal(true), version: z.string(), receivedFrom: z.string() }),
    from: ['extension-page', 'content-script'],
  },
});
