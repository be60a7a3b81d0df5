import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { ErrorLine } from '../../../components/common/SettingsFields';
import { messageOf } from '../../helpers/format';
import { sendMessage } from '../../messaging/client';
import { MIN_INTERVAL_MINUTES, type SavedSearchView } from '../../messaging/messages/alerts';
import { type Draft, emptyDraft, filtersOf } from './draft';
import { IntervalField, SearchItem } from './SearchItem';
/**
 * Saved searches for job alerts. The API has no saved searches: these are Loupe's own,
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
      <ErrorLine message={error} />
      {notice && (
        <p role="status" data-testid="saved-searches-notice">
          {notice}
        </p>
      )}
    </section>
  );
}
