import { useEffect, useMemo, useState } from 'react';
import { useLiveValue, useStoredDoc } from '../../../components/common/useStored';
import { sendMessage } from '../../messaging/client';
import { type BacktestJob, backtestRules } from '../../power/backtest';
import { ruleTitles } from '../../power/rule-titles';
import type { BlockList, RulesSettings } from '../../settings/schema';
import { blockListDoc, recentJobsDoc } from '../../settings/store';
import { jobUrl } from '../../upwork/site/urls';

/** The user's stars, from the worker's watchlist; none when it cannot be read. */
function useStarred(): ReadonlySet<string> {
  const [starred, setStarred] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let live = true;
    sendMessage('watchlist.list', {})
      .then((view) => live && setStarred(new Set(view.jobs.map((job) => job.id))))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return starred;
}

function marks(job: BacktestJob): string {
  return [job.starred && 'starred', job.opened && 'opened'].filter(Boolean).join(', ');
}

function JobList(props: { jobs: readonly BacktestJob[]; testId: string }) {
  return (
    <ul data-testid={props.testId}>
      {props.jobs.map((job) => (
        <li key={job.id} data-job={job.id}>
          <a href={jobUrl(job.id)} target="_blank" rel="noreferrer noopener">
            {job.title || job.id}
          </a>
          {marks(job) && <span className="loupe-quiet"> ({marks(job)})</span>}
        </li>
      ))}
    </ul>
  );
}

/**
 * What the draft rules would have done to the jobs you saw on Upwork's lists in the last 24 hours
 * (up to 500), recounted on every edit before anything is saved; one click lists a rule's jobs.
 */
export function Backtest(props: { rules: RulesSettings }) {
  const recent = useLiveValue(recentJobsDoc);
  const starred = useStarred();
  const blocks = useStoredDoc(blockListDoc);
  const [open, setOpen] = useState<string | null>(null);
  const blockList: BlockList = blocks.status === 'ready' ? blocks.value : { clients: [] };
  const result = useMemo(
    () => (recent ? backtestRules(recent, props.rules, { blockList, starred }, Date.now()) : null),
    [recent, props.rules, blockList, starred],
  );
  if (!result || result.total === 0) {
    return (
      <p className="loupe-hint" data-testid="rules-backtest">
        Open job searches or feeds on Upwork: the rules will be tried here on the last 500 jobs you saw.
      </p>
    );
  }
  const toggle = (id: string) => setOpen((current) => (current === id ? null : id));
  const rows = result.rules.map((rule) => ({
    id: rule.ruleId,
    title: ruleTitles[rule.ruleId],
    jobs: [...rule.hidden, ...rule.dimmed],
    rule,
  }));
  return (
    <div data-testid="rules-backtest">
      <p role="status" aria-live="polite" data-testid="rules-backtest-total">
        Of the last {result.total} jobs you saw (in the past 24 hours), these rules would hide {result.hidden} and dim {result.dimmed}
        {result.wanted.length > 0 && `, including ${result.wanted.length} you starred or opened`}.
      </p>
      <table className="loupe-table">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Hidden</th>
            <th scope="col">Dimmed</th>
            <th scope="col">Starred or opened</th>
            <th scope="col">
              <span className="loupe-visually-hidden">Jobs</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ id, title, jobs, rule }) => (
            <tr key={id} data-testid={`backtest-${id}`}>
              <th scope="row">{title}</th>
              <td data-testid={`backtest-${id}-hidden`}>{rule.hidden.length}</td>
              <td data-testid={`backtest-${id}-dimmed`}>{rule.dimmed.length}</td>
              <td>{jobs.filter((job) => job.starred || job.opened).length}</td>
              <td>
                {jobs.length > 0 && (
                  <button type="button" aria-expanded={open === id} onClick={() => toggle(id)} data-testid={`backtest-${id}-list`}>
                    {open === id ? 'Hide jobs' : 'List jobs'}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.map(({ id, title, jobs }) =>
        open === id ? (
          <section key={id} aria-label={`Jobs caught by ${title}`}>
            <JobList jobs={jobs} testId="backtest-jobs" />
          </section>
        ) : null,
      )}
      {result.wanted.length > 0 && (
        <details>
          <summary>Jobs you starred or opened that these rules would hide or dim</summary>
          <JobList jobs={result.wanted} testId="backtest-wanted" />
        </details>
      )}
    </div>
  );
}
