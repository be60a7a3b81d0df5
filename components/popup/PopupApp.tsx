import { browser } from 'wxt/browser';
import { useWorker } from '../common/useWorker';
import { WatchlistPanel } from '../watchlist/WatchlistPanel';
import { AccountPanel } from './AccountPanel';
import { AlertsPanel } from './AlertsPanel';
import { PageHealthLine } from './PageHealthLine';
import { StatusPanel } from './StatusPanel';
import { useApiStatus } from './usePolled';
import './popup.css';

/**
 * The toolbar popup: new alerts and the day's API use first, then the account and how the page
 * annotations are doing. Feature switches live in the settings. Everything it shows comes from
 * storage or the worker; nothing waits on the network before the first paint.
 */
export function PopupApp() {
  const worker = useWorker('ping', { from: 'popup' });
  const api = useApiStatus();
  return (
    <div className="loupe-popup">
      <header className="loupe-popup-bar">
        <img src="/icons/32.png" alt="" width={20} height={20} />
        <span className="loupe-popup-name">Loupe</span>
        <span data-testid="worker-status" role="status" className="loupe-quiet loupe-popup-worker">
          {worker.status === 'loading' && 'Connecting to Loupe…'}
          {worker.status === 'ready' && `Loupe ${worker.data.version} is running.`}
          {worker.status === 'error' && worker.message}
        </span>
      </header>
      <main>
        <h1 className="loupe-visually-hidden">Loupe</h1>
        <AlertsPanel />
        <WatchlistPanel />
        <StatusPanel status={api.status} error={api.error} />
        <AccountPanel />
        <PageHealthLine />
      </main>
      <footer className="loupe-popup-footer">
        <button type="button" className="loupe-link" data-testid="open-options" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings: switches, saved searches, rules
        </button>
      </footer>
    </div>
  );
}
