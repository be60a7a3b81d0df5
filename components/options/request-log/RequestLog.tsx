import { useCallback, useEffect, useId, useState } from 'react';
import { formatCount, messageOf } from '../../../lib/helpers/format';
import { sendMessage } from '../../../lib/messaging/client';
import { type LoggedRequestView, REQUEST_LOG_PAGE_MAX, type RequestLogSummaryView } from '../../../lib/messaging/messages/request-log';
import { downloadText } from '../ImportExport';
import { askedBy, REQUESTER_WORDS, requestLogCsv } from './csv';

/** Rows the table shows; the file has all of them. */
const SHOWN = 200;

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${formatCount(Math.round(bytes / 102.4) / 10)} KB`;
}

function time(at: number): string {
  return new Date(at).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'medium' });
}

/** Every request of the last 7 days, page by page (newest first). */
async function allRows(): Promise<LoggedRequestView[]> {
  const rows: LoggedRequestView[] = [];
  let before: number | null = null;
  for (;;) {
    const page: LoggedRequestView[] = (await sendMessage('requestLog.page', { before, limit: REQUEST_LOG_PAGE_MAX })).rows;
    rows.push(...page);
    const last: LoggedRequestView | undefined = page.at(-1);
    if (page.length < REQUEST_LOG_PAGE_MAX || !last) return rows;
    before = last.id;
  }
}

function Today({ summary }: { summary: RequestLogSummaryView }) {
  const { today } = summary;
  const asked = Object.entries(today.byRequester).filter(([, count]) => count > 0);
  return (
    <dl className="loupe-status-grid" data-testid="request-log-today">
      <dt>Today (UTC day)</dt>
      <dd data-testid="request-log-today-count">
        {formatCount(today.requests)} of {formatCount(today.dailyBudget)} requests
        {today.failed > 0 && `, ${formatCount(today.failed)} of them failed`}
      </dd>
      <dt>Busiest second</dt>
      <dd data-testid="request-log-busiest">
        {today.busiestSecond} requests (Upwork allows {today.limitPerSecond} a second)
      </dd>
      <dt>Asked by</dt>
      <dd>
        {asked.length === 0
          ? 'nothing yet'
          : asked.map(([who, count]) => `${REQUESTER_WORDS[who as keyof typeof REQUESTER_WORDS]}: ${formatCount(count)}`).join('; ')}
      </dd>
      <dt>Sign-in</dt>
      <dd>{formatCount(today.signInRequests)} token requests (not part of the daily budget)</dd>
    </dl>
  );
}

/**
 * The request log: what Loupe asked Upwork for in the last 7 days, the day's totals
 * against Upwork's limits, a CSV of all of it, and what Loupe never does.
 */
export function RequestLog() {
  const headingId = useId();
  const [summary, setSummary] = useState<RequestLogSummaryView | null>(null);
  const [rows, setRows] = useState<LoggedRequestView[]>([]);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [nextSummary, page] = await Promise.all([
        sendMessage('requestLog.summary', {}),
        sendMessage('requestLog.page', { before: null, limit: SHOWN }),
      ]);
      setSummary(nextSummary);
      setRows(page.rows);
      setMessage(null);
    } catch (error) {
      setMessage(messageOf(error));
    }
  }, []);

  useEffect(() => void load(), [load]);

  async function download() {
    try {
      const everything = await allRows();
      downloadText(requestLogCsv(everything), `loupe-requests-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv;charset=utf-8');
      setMessage(`Downloaded ${formatCount(everything.length)} requests.`);
    } catch (error) {
      setMessage(messageOf(error));
    }
  }

  return (
    <section aria-labelledby={headingId} className="loupe-power-section" data-testid="request-log">
      <h2 id={headingId}>Requests to Upwork</h2>
      <p data-testid="request-log-never">
        Loupe never loads, reloads or pages through upwork.com on its own. It reads the pages you open as you open them, and asks Upwork’s
        official API for the rest: for the page you are looking at, your job alerts and your watchlist. Every request goes through one
        throttle, within Upwork’s limit of 10 a second and 40,000 a day, and is listed here for 7 days.
      </p>
      {summary && <Today summary={summary} />}
      <div className="loupe-save-bar">
        <button type="button" onClick={() => void load()} data-testid="request-log-refresh">
          Refresh
        </button>
        <button type="button" onClick={() => void download()} data-testid="request-log-download">
          Download all as CSV
        </button>
        {message && (
          <span role="status" className="loupe-hint">
            {message}
          </span>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="loupe-hint">No requests in the last 7 days.</p>
      ) : (
        <table className="loupe-table" data-testid="request-log-table">
          <caption className="loupe-hint">The newest {Math.min(rows.length, SHOWN)} requests; the CSV has all of the last 7 days.</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Operation</th>
              <th scope="col">Lookups</th>
              <th scope="col">Status</th>
              <th scope="col">Size</th>
              <th scope="col">Asked by</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid="request-log-row" data-operation={row.operation} data-status={row.status}>
                <td>{time(row.at)}</td>
                <td>{row.operation}</td>
                <td>{row.lookups}</td>
                <td>
                  {row.status === 0 ? `no answer (${row.outcome})` : row.outcome === 'ok' ? row.status : `${row.status} (${row.outcome})`}
                </td>
                <td>{size(row.bytes)}</td>
                <td>{askedBy(row)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
