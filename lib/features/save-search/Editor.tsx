import { type ChangeEvent, type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { Toggle } from '../../../components/common/Toggle';
import { sendMessage } from '../../messaging/client';
import {
  type AlertFiltersInput,
  DEFAULT_INTERVAL_MINUTES,
  MAX_INTERVAL_MINUTES,
  MIN_INTERVAL_MINUTES,
  type SavedSearchView,
} from '../../messaging/messages/alerts';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A number field's value, or null when empty; NaN marks what is not a number. */
function numberOrNull(text: string): number | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : Number(trimmed);
}

interface Draft {
  query: string;
  name: string;
  interval: string;
  jobType: '' | 'HOURLY' | 'FIXED';
  experienceLevel: '' | 'ENTRY_LEVEL' | 'INTERMEDIATE' | 'EXPERT';
  verifiedPaymentOnly: boolean;
  minClientHires: string;
  hourlyMin: string;
  hourlyMax: string;
  budgetMin: string;
  budgetMax: string;
  maxProposals: string;
  applyRules: boolean;
}

const emptyDraft = (): Draft => ({
  query: '',
  name: '',
  interval: String(DEFAULT_INTERVAL_MINUTES),
  jobType: '',
  experienceLevel: '',
  verifiedPaymentOnly: false,
  minClientHires: '',
  hourlyMin: '',
  hourlyMax: '',
  budgetMin: '',
  budgetMax: '',
  maxProposals: '',
  applyRules: true,
});

/** The draft's filters, or the first problem in words. */
export function filtersOf(draft: Draft): { filters: AlertFiltersInput; interval: number } | { error: string } {
  const interval = Number(draft.interval);
  if (!Number.isInteger(interval) || interval < MIN_INTERVAL_MINUTES || interval > MAX_INTERVAL_MINUTES) {
    return { error: `Check every ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES} minutes (whole minutes).` };
  }
  const numbers = {
    minClientHires: numberOrNull(draft.minClientHires),
    hourlyMin: numberOrNull(draft.hourlyMin),
    hourlyMax: numberOrNull(draft.hourlyMax),
    budgetMin: numberOrNull(draft.budgetMin),
    budgetMax: numberOrNull(draft.budgetMax),
    maxProposals: numberOrNull(draft.maxProposals),
  };
  for (const [key, value] of Object.entries(numbers)) {
    if (value !== null && (!Number.isFinite(value) || value < 0)) return { error: `“${key}” must be a number of 0 or more.` };
  }
  const whole = (value: number | null) => (value === null ? null : Math.round(value));
  return {
    interval,
    filters: {
      jobType: draft.jobType || null,
      experienceLevel: draft.experienceLevel || null,
      verifiedPaymentOnly: draft.verifiedPaymentOnly,
      minClientHires: whole(numbers.minClientHires),
      hourlyMin: numbers.hourlyMin,
      hourlyMax: numbers.hourlyMax,
      budgetMin: numbers.budgetMin,
      budgetMax: numbers.budgetMax,
      maxProposals: whole(numbers.maxProposals),
      applyRules: draft.applyRules,
    },
  };
}

/** "Check every N minutes", bounded like the saved-search schema; used when adding and when editing a search. */
function IntervalField({ id, ...input }: { id: string; value: string | number; onChange: (event: ChangeEvent<HTMLInputElement>) => void }) {
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

function SearchItem({
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
  const [enabled, setEnabled] = useState(search.enabled);
  const [muted, setMuted] = useState(search.muted);
  const ids = { name: useId(), interval: useId() };
  useEffect(() => {
    setName(search.name);
    setIntervalText(String(search.intervalMinutes));
  }, [search.name, search.intervalMinutes]);
  useEffect(() => {
    setEnabled(search.enabled);
    setMuted(search.muted);
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
        <Toggle
          className="loupe-check"
          asSwitch
          checked={enabled}
          disabled={busy}
          onChange={(on) => {
            setEnabled(on);
            update({ enabled: on }, on ? 'Alerts on.' : 'Alerts off.');
          }}
        >
          Alerts on
        </Toggle>
        <Toggle
          className="loupe-check"
          checked={muted}
          disabled={busy}
          onChange={(on) => {
            setMuted(on);
            update({ muted: on }, on ? 'Muted: new jobs go to the feed only.' : 'Notifications on.');
          }}
        >
          Mute notifications
        </Toggle>
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

/**
 * Saved searches for job alerts (issue 8). The API has no saved searches: these are Loupe's own,
 * checked through the official API at their interval. Changes go through the worker, which keeps
 * the alarms in step.
 */
export function SavedSearches() {
  const [searches, setSearches] = useState<SavedSearchView[] | null>(null);
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const ids = {
    heading: useId(),
    newHeading: useId(),
    query: useId(),
    name: useId(),
    interval: useId(),
    jobType: useId(),
    level: useId(),
    hires: useId(),
    hourlyMin: useId(),
    hourlyMax: useId(),
    budgetMin: useId(),
    budgetMax: useId(),
    proposals: useId(),
  };

  const reload = useCallback(async () => {
    try {
      setSearches((await sendMessage('alerts.list', {})).searches);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const run = (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    setNotice('');
    void work()
      .then(
        () => setNotice(done),
        (caught: unknown) => setError(messageOf(caught)),
      )
      .finally(() => {
        setBusy(false);
        void reload();
      });
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const parsed = filtersOf(draft);
    if ('error' in parsed) {
      setError(parsed.error);
      return;
    }
    run(async () => {
      const { created, search } = await sendMessage('alerts.saveSearch', {
        query: draft.query,
        ...(draft.name.trim() ? { name: draft.name } : {}),
        filters: parsed.filters,
        intervalMinutes: parsed.interval,
      });
      if (!created) throw new Error(`That search is already saved as “${search.name}”.`);
      setDraft(emptyDraft());
    }, 'Saved. Loupe checks it at the interval you chose.');
  };

  const field = <K extends keyof Draft>(key: K) => ({
    value: draft[key] as string,
    onChange: (event: { currentTarget: { value: string } }) => {
      // Read now: React clears currentTarget before a deferred state update runs.
      const value = event.currentTarget.value;
      setDraft((current) => ({ ...current, [key]: value }));
    },
  });

  const checkbox = (key: 'verifiedPaymentOnly' | 'applyRules') => ({
    checked: draft[key],
    onChange: (event: { currentTarget: { checked: boolean } }) => {
      const checked = event.currentTarget.checked;
      setDraft((current) => ({ ...current, [key]: checked }));
    },
  });

  return (
    <section className="loupe-power-section" aria-labelledby={ids.heading} data-testid="saved-searches">
      <h2 id={ids.heading}>Job alerts: saved searches</h2>
      <p className="loupe-hint">
        Loupe checks each search through Upwork’s official API (never by reloading Upwork’s pages), at most every {MIN_INTERVAL_MINUTES}{' '}
        minutes, and stops checking at 95% of the day’s request budget. Jobs your rules hide and blocked clients’ jobs are left out.
      </p>
      {searches === null && !error && <p role="status">Loading…</p>}
      {searches?.length === 0 && <p>No saved searches yet. Save one from an Upwork job search page, or below.</p>}
      {searches && searches.length > 0 && (
        <ul className="loupe-highlight-groups">
          {searches.map((search) => (
            <SearchItem key={search.id} search={search} busy={busy} run={run} />
          ))}
        </ul>
      )}
      <form onSubmit={add} className="loupe-rule" aria-labelledby={ids.newHeading}>
        <h3 id={ids.newHeading} style={{ fontSize: 14, margin: '0 0 6px' }}>
          New saved search
        </h3>
        <div className="loupe-rule-row">
          <span className="loupe-field-wide">
            <label htmlFor={ids.query}>Search words</label>
            <input id={ids.query} maxLength={500} placeholder="react native" {...field('query')} />
          </span>
          <span className="loupe-field">
            <label htmlFor={ids.name}>Name</label>
            <input id={ids.name} maxLength={120} placeholder="(the words)" {...field('name')} />
          </span>
          <IntervalField id={ids.interval} {...field('interval')} />
        </div>
        <div className="loupe-rule-row">
          <span className="loupe-field">
            <label htmlFor={ids.jobType}>Job type</label>
            <select id={ids.jobType} {...field('jobType')}>
              <option value="">any</option>
              <option value="HOURLY">hourly</option>
              <option value="FIXED">fixed price</option>
            </select>
          </span>
          <span className="loupe-field">
            <label htmlFor={ids.level}>Experience</label>
            <select id={ids.level} {...field('experienceLevel')}>
              <option value="">any</option>
              <option value="ENTRY_LEVEL">entry</option>
              <option value="INTERMEDIATE">intermediate</option>
              <option value="EXPERT">expert</option>
            </select>
          </span>
          <label className="loupe-check">
            <input type="checkbox" {...checkbox('verifiedPaymentOnly')} />
            Payment verified only
          </label>
          <label className="loupe-check">
            <input type="checkbox" {...checkbox('applyRules')} />
            Apply my rules
          </label>
        </div>
        <div className="loupe-rule-row">
          <span className="loupe-field">
            <label htmlFor={ids.hires}>Client hires at least</label>
            <input id={ids.hires} type="number" min={0} style={{ width: '5em' }} {...field('minClientHires')} />
          </span>
          <span className="loupe-field">
            <label htmlFor={ids.hourlyMin}>Hourly $</label>
            <input id={ids.hourlyMin} type="number" min={0} style={{ width: '5em' }} {...field('hourlyMin')} />
            <label htmlFor={ids.hourlyMax}>to</label>
            <input id={ids.hourlyMax} type="number" min={0} style={{ width: '5em' }} {...field('hourlyMax')} />
          </span>
          <span className="loupe-field">
            <label htmlFor={ids.budgetMin}>Fixed budget $</label>
            <input id={ids.budgetMin} type="number" min={0} style={{ width: '6em' }} {...field('budgetMin')} />
            <label htmlFor={ids.budgetMax}>to</label>
            <input id={ids.budgetMax} type="number" min={0} style={{ width: '6em' }} {...field('budgetMax')} />
          </span>
          <span className="loupe-field">
            <label htmlFor={ids.proposals}>At most</label>
            <input id={ids.proposals} type="number" min={0} style={{ width: '5em' }} {...field('maxProposals')} />
            proposals
          </span>
        </div>
        <div className="loupe-save-bar">
          <button type="submit" disabled={busy}>
            Save search
          </button>
        </div>
      </form>
      {error && (
        <p role="alert" className="loupe-error">
          {error}
        </p>
      )}
      {notice && (
        <p role="status" data-testid="saved-searches-notice">
          {notice}
        </p>
      )}
    </section>
  );
}
