import { useWorker } from '../common/useWorker';
import { AccountSetup } from './AccountSetup';
import { PowerTools } from './PowerTools';
import { SavedSearches } from './SavedSearches';
import { SyncSettings } from './SyncSettings';

export function OptionsApp() {
  const worker = useWorker('ping', { from: 'options' });
  return (
    <main className="loupe-options">
      <h1>Loupe settings</h1>
      <p data-testid="worker-status" role="status">
        {worker.status === 'ready'
          ? `Loupe ${worker.data.version} is running.`
          : worker.status === 'error'
            ? worker.message
            : 'Connecting…'}
      </p>
      <AccountSetup />
      <SavedSearches />
      <PowerTools />
      <SyncSettings />
    </main>
  );
}
