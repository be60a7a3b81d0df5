import { useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { sendMessage } from '../../lib/messaging/client';
import type { ImportedAlert } from '../../lib/power/import';

function every(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? 'every hour' : `every ${minutes / 60} hours`;
  return `every ${minutes} minutes`;
}

/**
 * The job alerts a backup brought, shown before any of them runs: each would check Upwork on its own
 * schedule and spend the daily budget, so they stay off until the user turns on the ones the file had on.
 */
export function ImportedAlerts({ alerts }: { alerts: ImportedAlert[] }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const wanted = alerts.filter((alert) => alert.wantedOn);

  const turnOn = async () => {
    setBusy(true);
    setMessage('');
    try {
      for (const alert of wanted) await sendMessage('alerts.updateSearch', { id: alert.id, enabled: true });
      setMessage(`Turned on ${wanted.length === 1 ? '1 job alert' : `${wanted.length} job alerts`}.`);
    } catch (error) {
      setMessage(`Loupe could not turn them on: ${messageOf(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="import-alerts">
      <p>The file brought these job alerts. They are off: none checks Upwork until you turn it on.</p>
      <ul>
        {alerts.map((alert) => (
          <li key={alert.id} data-testid="import-alert">
            {alert.name}: {every(alert.intervalMinutes)}
            {alert.wantedOn ? '' : ' (off in the file too)'}
          </li>
        ))}
      </ul>
      {wanted.length > 0 && (
        <button
          type="button"
          disabled={busy || message.startsWith('Turned on')}
          onClick={() => void turnOn()}
          data-testid="import-alerts-on"
        >
          Turn on the {wanted.length === 1 ? 'alert' : `${wanted.length} alerts`} the file had on
        </button>
      )}{' '}
      <span role="status" data-testid="import-alerts-status">
        {message}
      </span>
    </div>
  );
}
