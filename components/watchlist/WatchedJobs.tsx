import { formatTimeAgo } from '../../lib/helpers/time';
import { sendMessage } from '../../lib/messaging/client';
import type { WatchedJob } from '../../lib/messaging/messages/watchlist';
import { jobUrl } from '../../lib/upwork/site/urls';

const STOPPED_WORDS = { hired: 'stopped: the client hired', closed: 'stopped: the job closed' } as const;

function ago(at: number | null): string {
  return at === null ? 'not checked yet' : `checked ${formatTimeAgo(new Date(at), new Date()) ?? 'just now'}`;
}

/** The watched jobs with their history, newest news first; used by the popup and the options page. */
export function WatchedJobs({ jobs, historyItems, onChange }: { jobs: WatchedJob[]; historyItems: number; onChange: () => void }) {
  if (jobs.length === 0) return <p className="loupe-hint">No watched jobs. Star a job on Upwork to watch it.</p>;
  return (
    <ul className="loupe-watchlist" data-testid="watchlist-jobs">
      {jobs.map((job) => (
        <li key={job.id} data-testid="watched-job" data-job={job.id} data-stopped={job.stopped ?? ''}>
          <a href={jobUrl(job.id)} target="_blank" rel="noreferrer noopener">
            {job.title}
          </a>{' '}
          <span className="loupe-hint">
            {job.stopped ? STOPPED_WORDS[job.stopped] : ago(job.lastCheckAt)}
            {job.seen && ` · ${job.seen.interviewing} interviewing, ${job.seen.invitesSent} invited, ${job.seen.hired} hired`}
          </span>{' '}
          <button
            type="button"
            className="loupe-link"
            aria-label={`Stop watching ${job.title}`}
            onClick={() => void sendMessage('watchlist.remove', { id: job.id }).then(onChange, onChange)}
          >
            Remove
          </button>
          {job.history.length > 0 && (
            <ul data-testid="watch-history">
              {job.history.slice(0, historyItems).map((event) => (
                <li key={`${event.at}-${event.kind}`} data-kind={event.kind}>
                  {new Date(event.at).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })}: {event.text}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
