import { useWorker } from '../common/useWorker';
import { AccountPanel } from './AccountPanel';

export function PopupApp() {
  const worker = useWorker('ping', { from: 'popup' });
  return (
    <main className="loupe-popup">
      <h1>Loupe</h1>
      <p data-testid="worker-status" role="status">
        {worker.status === 'loading' && 'Connecting to Loupe…'}
        {worker.status === 'ready' && `Loupe ${worker.data.version} is running.`}
        {worker.status === 'error' && worker.message}
      </p>
      <AccountPanel />
    </main>
  );
}
