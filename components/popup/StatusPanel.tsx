import { useId } from 'react';
import { formatTimeAgo } from '../../lib/helpers/time';
import type { ApiStatus } from '../../lib/messaging/messages/status';

function rate(value: number): string {
  return value >= 10 || Number.isInteger(value) ? String(Math.round(value)) : value.toFixed(1);
}

/** Queue length, rate, requests today against the daily limit, cache hits and the last error, in words. */
export function StatusPanel({ status, error }: { status: ApiStatus | null; error: string | null }) {
  const headingId = useId();
  const queue = status?.queue;
  return (
    <section aria-labelledby={headingId} data-testid="status-panel">
      <h2 id={headingId}>Upwork API</h2>
      {!status && !error && <p className="loupe-quiet">Reading Loupe’s status…</p>}
      {error && !status && <p className="loupe-bad">{error}</p>}
      {queue && status && (
        <>
          <dl className="loupe-status-grid">
            <dt>Requests today</dt>
            <dd data-testid="requests-today">
              {queue.requestsToday.toLocaleString('en-US')} of {queue.dailyLimit.toLocaleString('en-US')}
            </dd>
            <dt>Queue</dt>
            <dd data-testid="queue-length">
              {queue.queued} waiting, {queue.inFlight} on the way
            </dd>
            <dt>Rate</dt>
            <dd data-testid="queue-rate">
              {rate(queue.recentRate)}/s now, limit {rate(queue.currentRate)}/s
              {queue.currentRate < queue.ratePerSecond && ' (slowed down after Upwork said “too many requests”)'}
            </dd>
            <dt>Cache</dt>
            <dd data-testid="cache-hits">
              {status.cache.hits.toLocaleString('en-US')} hits, {status.cache.misses.toLocaleString('en-US')} misses
              {status.cache.disabledReason && <span className="loupe-warn"> — off: {status.cache.disabledReason}</span>}
            </dd>
          </dl>
          <meter
            className="loupe-meter"
            aria-label="Share of today’s Upwork requests used"
            min={0}
            max={queue.dailyLimit}
            low={queue.dailyLimit * 0.8}
            high={queue.dailyLimit * 0.95}
            optimum={0}
            value={queue.requestsToday}
          />
          {queue.budgetProblem ? (
            <p className="loupe-bad" data-testid="budget-warning">
              {queue.budgetProblem}
            </p>
          ) : queue.backgroundPaused ? (
            <p className="loupe-bad" data-testid="budget-warning">
              95% of today’s requests are used: job alerts wait until midnight UTC; the pages you open still get data.
            </p>
          ) : (
            queue.dailyWarning && (
              <p className="loupe-warn" data-testid="budget-warning">
                Over 80% of today’s requests are used. Job alerts stop at 95%.
              </p>
            )
          )}
          <p data-testid="last-error" className={status.lastError ? 'loupe-warn' : 'loupe-quiet'}>
            {status.lastError
              ? `Last problem (${formatTimeAgo(new Date(status.lastError.at), new Date()) ?? 'just now'}): ${status.lastError.message}`
              : 'No problems talking to Upwork.'}
          </p>
        </>
      )}
    </section>
  );
}
