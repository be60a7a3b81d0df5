import type { Handlers } from '../../messaging/router';
import type { RequestLog } from './log';

/** The options page's view of the request log. Rows are copied field by field: nothing else rides along. */
export function requestLogHandlers(log: () => RequestLog): Handlers {
  return {
    'requestLog.page': async ({ before, limit }) => ({
      rows: (await log().page(before, limit)).map((row) => ({
        id: row.id,
        at: row.at,
        operation: row.operation.slice(0, 64),
        lookups: row.lookups,
        status: row.status,
        outcome: row.outcome.slice(0, 32),
        bytes: row.bytes,
        durationMs: row.durationMs,
        requestedBy: row.requestedBy,
        counted: row.counted,
      })),
    }),
    'requestLog.summary': () => log().summary(),
  };
}
