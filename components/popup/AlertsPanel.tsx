import { useCallback, useEffect, useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { type AlertsState, readAlertsState, unreadCount, watchAlertsState } from '../../lib/alerts/store';
import { budgetText } from '../../lib/alerts/text';
import { messageOf } from '../../lib/helpers/format';
import { formatTimeAgo } from '../../lib/helpers/time';
import { sendMessage } from '../../lib/messaging/client';
import type { AlertsList, FeedEntry, SavedSearchView } from '../../lib/messaging/messages/alerts';
import { clientStatRows } from '../../lib/present/client-rows';
import { jobUrl } from '../../lib/upwork/site/urls';
import { Toggle } from '../common/Toggle';
import { askWorker } from '../common/useWorker';

const SHOWN_AT_FIRST = 20;

/** The compact client panel of a feed entry: the same rows the job tiles show on Upwork's pages. */
function ClientSummary({ entry }: { entry: FeedEntry }) {
  const rows = clientStatRows(entry.job, new Date()).filter((row) => row.key !== 'localTime' && row.key !== 'jobsPosted');
  return (
    <ul className="loupe-client" aria-label="Client" data-testid="feed-client">
      {rows.map((row) => (
        <li key={row.key} data-loupe-stat={row.key} data-tone={row.tone} title={row.title}>
          {row.label ? `${row.label} ${row.value}` : row.value}
        </li>
      ))}
    </ul>
  );
}

function FeedItem({ entry, onOpen }: { entry: FeedEntry; onOpen(entry: FeedEntry): void }) {
  const found = formatTimeAgo(new Date(entry.foundAt), new Date()) ?? '';
  return (
    <li data-testid="feed-entry" data-job-id={entry.jobId} data-read={String(entry.read)}>
      <button
        type="button"
        className="loupe-feed-title"
        onClick={() => onOpen(entry)}
        aria-label={`${entry.read ? '' : 'New: '}${entry.job.title}, opens on Upwork`}
      >
        {entry.job.title}
      </button>
      <span className="loupe-quiet">
        {budgetText(entry.job)} · “{entry.searchName}” · {found}
      </span>
      <ClientSummary entry={entry} />
    </li>
  );
}

function SearchRow({
  search,
  busy,
  onChange,
  onCheck,
}: {
  search: SavedSearchView;
  busy: boolean;
  onChange(patch: { enabled?: boolean; muted?: boolean }): void;
  onCheck(): void;
}) {
  const { status } = search;
  // The switches show the new state at once; the worker's answer settles it.
  const [enabled, setEnabled] = useState(search.enabled);
  const [muted, setMuted] = useState(search.muted);
  useEffect(() => {
    setEnabled(search.enabled);
    setMuted(search.muted);
  }, [search]);
  const state = !search.enabled
    ? 'off'
    : status.failures >= 2 && status.retryAt
      ? `retrying after ${new Date(status.retryAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
      : status.lastCheckAt
        ? `checked ${formatTimeAgo(new Date(status.lastCheckAt), new Date()) ?? ''}`
        : 'not checked yet';
  return (
    <li data-testid="saved-search" data-search-id={search.id}>
      <span className="loupe-search-name" title={search.query}>
        {search.name}
      </span>
      <span className="loupe-quiet">
        every {search.intervalMinutes} min · {state}
      </span>
      <Toggle
        asSwitch
        checked={enabled}
        disabled={busy}
        onChange={(on) => {
          setEnabled(on);
          onChange({ enabled: on });
        }}
      >
        on
      </Toggle>
      <Toggle
        checked={muted}
        disabled={busy}
        onChange={(on) => {
          setMuted(on);
          onChange({ muted: on });
        }}
      >
        mute
      </Toggle>
      <button type="button" disabled={busy || !search.enabled} onClick={onCheck} aria-label={`Check “${search.name}” now`}>
        Check now
      </button>
      {status.lastError && search.enabled && <span className="loupe-warn loupe-quiet">{status.lastError}</span>}
    </li>
  );
}

/**
 * Job alerts in the popup. The feed is drawn from storage at once (no wait on the worker, let alone
 * the network); the saved searches and the live pause reason come from the worker a moment later.
 */
export function AlertsPanel() {
  const headingId = useId();
  const [state, setState] = useState<AlertsState | null>(null);
  const [list, setList] = useState<AlertsList | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);

  const reloadList = useCallback(() => askWorker('alerts.list', {}, setList, setNote), []);

  useEffect(() => {
    let live = true;
    void readAlertsState().then((value) => live && setState(value));
    void reloadList();
    const unwatch = watchAlertsState((value) => {
      if (!live) return;
      setState(value);
      void reloadList();
    });
    return () => {
      live = false;
      unwatch();
    };
  }, [reloadList]);

  const act = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setNote(null);
    try {
      setNote(await work());
    } catch (error) {
      setNote(messageOf(error));
    } finally {
      setBusy(false);
      void reloadList();
    }
  };

  const open = async (entry: FeedEntry) => {
    // Marked read first: the popup closes as soon as the new tab takes focus.
    await sendMessage('alerts.markRead', { jobIds: [entry.jobId] }).catch(() => undefined);
    await browser.tabs.create({ url: jobUrl(entry.jobId) });
  };

  const checkNow = (id?: string) =>
    act(async () => {
      const { results } = await sendMessage('alerts.pollNow', id ? { id } : {});
      if (results.length === 0) return 'No saved search is switched on.';
      const found = results.reduce((sum, result) => sum + result.newJobs, 0);
      const problem = results.find((result) => result.outcome !== 'checked');
      if (problem) return problem.message;
      return found === 0 ? 'No new jobs.' : `${found} new ${found === 1 ? 'job' : 'jobs'}.`;
    });

  const feed = state?.feed ?? list?.feed ?? [];
  const paused = list ? list.paused : (state?.paused ?? null);
  const unread = state ? unreadCount(state) : (list?.unread ?? 0);
  const shown = showAll ? feed : feed.slice(0, SHOWN_AT_FIRST);

  return (
    <section aria-labelledby={headingId} data-testid="alerts-panel">
      <h2 id={headingId}>Job alerts {unread > 0 && <span data-testid="unread-count">({unread} new)</span>}</h2>
      {paused && (
        <p className="loupe-paused" role="status" data-testid="alerts-paused" data-reason={paused.reason}>
          {paused.message}
        </p>
      )}
      {feed.length > 0 ? (
        <ul className="loupe-feed" aria-label="New jobs" data-testid="alerts-feed">
          {shown.map((entry) => (
            <FeedItem key={entry.jobId} entry={entry} onOpen={(chosen) => void open(chosen)} />
          ))}
        </ul>
      ) : (
        state && <p className="loupe-quiet">New jobs from your saved searches appear here.</p>
      )}
      {!showAll && feed.length > SHOWN_AT_FIRST && (
        <button type="button" className="loupe-link" onClick={() => setShowAll(true)}>
          Show all {feed.length}
        </button>
      )}
      <div className="loupe-row">
        {list && list.searches.length > 0 && (
          <button type="button" disabled={busy} onClick={() => void checkNow()} data-testid="check-all">
            {busy ? 'Checking…' : 'Check all now'}
          </button>
        )}
        {unread > 0 && (
          <button
            type="button"
            disabled={busy}
            data-testid="mark-all-read"
            onClick={() =>
              act(async () => {
                await sendMessage('alerts.markRead', {});
                return null;
              })
            }
          >
            Mark all read
          </button>
        )}
        {note && (
          <span role="status" className="loupe-quiet" data-testid="alerts-note">
            {note}
          </span>
        )}
      </div>
      {list && list.searches.length === 0 && (
        <p className="loupe-quiet">
          No saved searches yet. On an Upwork job search page, click “Alert me about new jobs”, or add one in the options.
        </p>
      )}
      {list && list.searches.length > 0 && (
        <details data-testid="saved-searches-details">
          <summary>Saved searches ({list.searches.length})</summary>
          <ul className="loupe-searches" aria-label="Saved searches">
            {list.searches.map((search) => (
              <SearchRow
                key={search.id}
                search={search}
                busy={busy}
                onChange={(patch) =>
                  act(async () => {
                    await sendMessage('alerts.updateSearch', { id: search.id, ...patch });
                    return null;
                  })
                }
                onCheck={() => void checkNow(search.id)}
              />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
