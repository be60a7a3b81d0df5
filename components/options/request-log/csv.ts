import type { LoggedRequestView } from '../../../lib/messaging/messages/request-log';
import { toCsv } from '../../../lib/power/export';

/** Who asked, in the words the table and the file use. */
export const REQUESTER_WORDS = {
  page: 'a page you opened',
  alert: 'a job alert',
  watchlist: 'the watchlist',
  account: 'sign-in',
  unfinished: 'unfinished work resumed',
} as const satisfies Record<LoggedRequestView['requestedBy'][number], string>;

export function askedBy(row: Pick<LoggedRequestView, 'requestedBy'>): string {
  return row.requestedBy.map((who) => REQUESTER_WORDS[who]).join(', ');
}

/** Every logged request, newest first, one row each (times in UTC, ISO 8601). */
export function requestLogCsv(rows: readonly LoggedRequestView[]): string {
  return toCsv(
    [
      'time (UTC)',
      'operation',
      'lookups',
      'HTTP status',
      'outcome',
      'bytes',
      'milliseconds',
      'asked by',
      'counts against the daily budget',
    ],
    rows.map((row) => [
      new Date(row.at).toISOString(),
      row.operation,
      row.lookups,
      row.status || null,
      row.outcome,
      row.bytes,
      Math.round(row.durationMs),
      askedBy(row),
      row.counted,
    ]),
  );
}
