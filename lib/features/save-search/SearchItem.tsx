import { type ChangeEvent, type FormEvent, useEffect, useId, useState } from 'react';
import { Toggle } from '../../../components/common/Toggle';
import { sendMessage } from '../../messaging/client';
import { MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES, type SavedSearchView } from '../../messaging/messages/alerts';

/** "Check every N minutes", bounded like the saved-search schema; used when adding and when editing a search. */
export function IntervalField({
  id,
  ...input
}: {
  id: string;
  value: string | number;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <span className="loupe-field">
      <label htmlFor={id}>Check every</label>
      <input id={id} type="number" min={MIN_INTERVAL_MINUTES} max={MAX_INTERVAL_MINUTES} step={1} style={{ width: '5em' }} {...input} />
      minutes
    </span>
  );
}

function describeFilters(search: SavedSearchView): string {
  const f = search.filters;
  const parts: string[] = [];
  if (f.jobType) parts.push(f.jobType === 'HOURLY' ? 'hourly' : 'fixed price');
  if (f.experienceLevel) parts.push(f.experienceLevel.toLowerCase().replace('_', ' '));
  if (f.verifiedPaymentOnly) parts.push('payment verified');
  if (f.minClientHires !== null) parts.push(`client hired ${f.minClientHires}+`);
  if (f.hourlyMin !== null || f.hourlyMax !== null) parts.push(`$${f.hourlyMin ?? 0}–${f.hourlyMax ?? '∞'}/hr`);
  if (f.budgetMin !== null || f.budgetMax !== null) parts.push(`budget $${f.budgetMin ?? 0}–${f.budgetMax ?? '∞'}`);
  if (f.maxProposals !== null) parts.push(`≤ ${f.maxProposals} proposals`);
  if (!f.applyRules) parts.push('ignores my rules');
  return parts.join(', ');
}

/** A saved search's two switches, and what the page says once each has changed. */
const SWITCHES = [
  { field: 'enabled', label: 'Alerts on', asSwitch: true, said: { on: 'Alerts on.', off: 'Alerts off.' } },
  {
    field: 'muted',
    label: 'Mute notifications',
    asSwitch: false,
    said: { on: 'Muted: new jobs go to the feed only.', off: 'Notifications on.' },
  },
] as const;

export function SearchItem({
  search,
  busy,
  run,
}: {
  search: SavedSearchView;
  busy: boolean;
  run(work: () => Promise<unknown>, done: string): void;
}) {
  const [name, setName] = useState(search.name);
  const [interval, setIntervalText] = useState(String(search.intervalMinutes));
  // Switches show the new state at once; the worker's answer (or a failure) settles it.
  const [switches, setSwitches] = useState({ enabled: search.enabled, muted: search.muted });
  const ids = { name: useId(), interval: useId() };
  useEffect(() => {
    setName(search.name);
    setIntervalText(String(search.intervalMinutes));
  }, [search.name, search.intervalMinutes]);
  useEffect(() => {
    setSwitches({ enabled: search.enabled, muted: search.muted });
  }, [search]);

  const update = (patch: { name?: string; intervalMinutes?: number; enabled?: boolean; muted?: boolean }, done: string) =>
    run(() => sendMessage('alerts.updateSearch', { id: search.id, ...patch }), done);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const minutes = Number(interval);
    if (!Number.isInteger(minutes) || minutes < MIN_INTERVAL_MINUTES || minutes > MAX_INTERVAL_MINUTES) {
      run(async () => {
        throw new Error(`Check every ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES} minutes (whole minutes).`);
      }, '');
      return;
    }
    update({ name: name.trim() || search.name, intervalMinutes: minutes }, `Saved “${name.trim() || search.name}”.`);
  };

  const status = search.status;
  return (
    <li className="loupe-rule" data-testid="saved-search-item" data-search-id={search.id}>
      <form className="loupe-rule-row" onSubmit={save}>
        <span className="loupe-field">
          <label htmlFor={ids.name}>Name</label>
          <input id={ids.name} value={name} maxLength={120} onChange={(event) => setName(event.currentTarget.value)} />
        </span>
        <IntervalField id={ids.interval} value={interval} onChange={(event) => setIntervalText(event.currentTarget.value)} />
        <button type="submit" disabled={busy}>
          Save
        </button>
      </form>
      <p className="loupe-hint">
        Words: “{search.query || 'any'}”{describeFilters(search) && ` · ${describeFilters(search)}`}
        {status.lastCheckAt
          ? ` · last checked ${new Date(status.lastCheckAt).toLocaleString()}, ${status.lastNewCount} new`
          : ' · not checked yet'}
      </p>
      {status.lastError && <p className="loupe-error">{status.lastError}</p>}
      <div className="loupe-rule-row">
        {SWITCHES.map(({ field, label, asSwitch, said }) => (
          <Toggle
            key={field}
            className="loupe-check"
            asSwitch={asSwitch}
            checked={switches[field]}
            disabled={busy}
            onChange={(on) => {
              setSwitches((current) => ({ ...current, [field]: on }));
              update({ [field]: on }, on ? said.on : said.off);
            }}
          >
            {label}
          </Toggle>
        ))}
        <button
          type="button"
          disabled={busy || !search.enabled}
          onClick={() => run(() => sendMessage('alerts.pollNow', { id: search.id }), 'Checked.')}
        >
          Check now
        </button>
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            if (window.confirm(`Delete the saved search “${search.name}”?`))
              run(() => sendMessage('alerts.deleteSearch', { id: search.id }), 'Deleted.');
          }}
        >
          Delete
        </button>
      </div>
    </li>
  );
}
