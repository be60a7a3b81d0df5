import { browser } from 'wxt/browser';
import { useWorker } from '../common/useWorker';
import { AccountPanel } from './AccountPanel';
import { AlertsPanel } from './AlertsPanel';
import { PageHealthLine } from './PageHealthLine';
import { QuickSwitches } from './QuickSwitches';
import { StatusPanel } from './StatusPanel';
import { useApiStatus } from './useApiStatus';
import './popup.css';

/**
 * The toolbar popup (issue 8): who Loupe is signed in as, how its use of the API is going, how the
 * page annotations are doing, the job-alert feed, and quick switches. Everything it shows comes
 * from storage or the worker; nothing waits on the network before the first paint.
 */
export function PopupApp() {
  const worker = useWorker('ping', { from: 'popup' });
  const api = useApiStatus();
  return (
    <main className="loupe-popup">
      <h1>Loupe</h1>
      <p data-testid="worker-status" role="status" className="loupe-quiet">
        {worker.status === 'loading' && 'Connecting to Loupe…'}
        {worker.status === 'ready' && `Loupe ${worker.data.version} is running.`}
        {worker.status === 'error' && worker.message}
      </p>
      <AccountPanel />
      <AlertsPanel />
      <StatusPanel status={api.status} error={api.error} />
      <PageHealthLine />
      <QuickSwitches />
      <p>
        <button type="button" className="loupe-link" data-testid="open-options" onClick={() => void browser.runtime.openOptionsPage()}>
          All settings, saved searches and rules
        </button>
      </p>
    </main>
  );
}
