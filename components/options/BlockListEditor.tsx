import { type FormEvent, useId, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { blockClient, unblockClient } from '../../lib/power/actions';
import { blockListDoc } from '../../lib/settings/store';
import { useStoredDoc } from '../common/useStored';

function when(time: number): string {
  return time > 0 ? new Date(time).toLocaleDateString() : 'date unknown';
}

/** A labelled text field of the add form, spaced like the words around it. */
function AddField(props: { label: string; value: string; maxLength: number; onChange: (value: string) => void; testId: string }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{props.label}</label>{' '}
      <input
        id={id}
        value={props.value}
        maxLength={props.maxLength}
        onChange={(event) => props.onChange(event.currentTarget.value)}
        data-testid={props.testId}
      />{' '}
    </>
  );
}

/**
 * Blocked clients. Clients are blocked from their jobs on Upwork (the block button on a job),
 * which records the API's client id; adding an id here by hand is for moving a list between browsers.
 */
export function BlockListEditor() {
  const stored = useStoredDoc(blockListDoc);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [newId, setNewId] = useState('');
  const [newLabel, setNewLabel] = useState('');
  const headingId = useId();

  const run = async (action: () => Promise<void>, done: string) => {
    setError(null);
    try {
      await action();
      setNotice(done);
    } catch (caught) {
      setError(messageOf(caught));
    }
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const clientId = newId.trim();
    if (clientId === '') {
      setError('Enter the client id to block.');
      return;
    }
    void run(async () => {
      await blockClient({ clientId, label: newLabel.trim() });
      setNewId('');
      setNewLabel('');
    }, 'Client blocked.');
  };

  return (
    <section className="loupe-power-section" aria-labelledby={headingId} data-testid="blocklist-editor">
      <h2 id={headingId}>Blocked clients</h2>
      {stored.status === 'loading' && <p role="status">Loading…</p>}
      {stored.status === 'error' && <p role="alert">{stored.message}</p>}
      {stored.status === 'ready' &&
        (stored.value.clients.length === 0 ? (
          <p data-testid="blocklist-empty">No blocked clients. Block a client from any of its jobs on Upwork.</p>
        ) : (
          <table className="loupe-table" data-testid="blocklist-table">
            <caption className="loupe-hint">{stored.value.clients.length} blocked</caption>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Why</th>
                <th scope="col">Blocked</th>
                <th scope="col">
                  <span className="loupe-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {stored.value.clients.map((client) => (
                <tr key={client.clientId} data-testid="blocklist-row">
                  <td>{client.label || `Client ${client.clientId}`}</td>
                  <td>{client.reason}</td>
                  <td>{when(client.addedAt)}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => void run(() => unblockClient(client.clientId), 'Client unblocked.')}
                      aria-label={`Unblock ${client.label || client.clientId}`}
                    >
                      Unblock
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <form onSubmit={add} className="loupe-inline-form">
        <AddField label="Client id" value={newId} maxLength={128} onChange={setNewId} testId="blocklist-add-id" />
        <AddField label="Name for your list" value={newLabel} maxLength={200} onChange={setNewLabel} testId="blocklist-add-label" />
        <button type="submit" data-testid="blocklist-add">
          Block
        </button>
      </form>
      <p role="status">{notice}</p>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
