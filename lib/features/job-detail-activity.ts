import { formatCount } from '../helpers/format';
import {
  formatClock,
  formatHourOfDay,
  formatOffset,
  formatTimeAgo,
  localOffsetMinutes,
  resolveOffsetMinutes,
  workingHoursOverlap,
} from '../helpers/time';
import type { CardRow } from '../present/client-rows';
import type { JobDetail } from '../upwork/model';
import { jobIdFromUrl } from '../upwork/site/ids';
import { isJobDetails, isJobSlider } from '../upwork/site/urls';
import { describeFacts } from './client-dossier';
import { defineFeature } from './registry';
import { showCardIsland } from './ui/card-island';
import { findJobPageAnchor, placeAtJobAnchor } from './ui/job-anchor';
import type { CardList, CardModel } from './views';

/**
 * On a job page (or the slider): how active the client is (last seen, invites, interviews, hires),
 * the screening questions and required qualifications, and whether your working days overlap.
 */

const TITLE = 'Client activity · Loupe';
const WORK_START = 9;
const WORK_END = 17;

export function jobActivityCard(detail: JobDetail, now: Date, userOffsetMinutes: number): CardModel {
  const { activity, client } = detail;
  const rows: CardRow[] = [];
  if (activity.lastClientActivity) {
    const ago = formatTimeAgo(activity.lastClientActivity, now);
    rows.push({ key: 'lastSeen', label: 'Client last active', value: ago ?? activity.lastClientActivity });
  } else {
    rows.push({ key: 'lastSeen', label: 'Client last active', value: 'not shown', tone: 'muted' });
  }
  rows.push({ key: 'invitesSent', label: 'Invites sent', value: formatCount(activity.invitesSent) });
  if (activity.unansweredInvites > 0) {
    rows.push({ key: 'unansweredInvites', label: 'Unanswered invites', value: formatCount(activity.unansweredInvites) });
  }
  rows.push({ key: 'interviewing', label: 'Interviewing', value: formatCount(activity.interviewing) });
  rows.push({
    key: 'hired',
    label: 'Hired',
    value: detail.personsToHire ? `${formatCount(activity.hired)} of ${formatCount(detail.personsToHire)}` : formatCount(activity.hired),
  });
  if (activity.offered > 0) rows.push({ key: 'offered', label: 'Offers sent', value: formatCount(activity.offered) });
  const offset = resolveOffsetMinutes(client.timezone, null, now);
  if (offset !== null) {
    const place = [client.city, client.country].filter(Boolean).join(', ');
    rows.push({
      key: 'localTime',
      label: 'Client’s local time',
      value: `${formatClock(now, offset)} (${formatOffset(offset)})`,
      title: place ? `Time now in ${place}` : undefined,
    });
    const overlap = workingHoursOverlap(userOffsetMinutes, offset, WORK_START, WORK_END);
    rows.push({
      key: 'overlap',
      label: 'Working hours overlap',
      value: overlap.userWindow
        ? `${formatCount(overlap.hours)} h (${formatHourOfDay(overlap.userWindow.start)}–${formatHourOfDay(overlap.userWindow.end)} your time)`
        : 'none',
      title: `Hours when it is between ${WORK_START}:00 and ${WORK_END}:00 for both you and the client`,
      tone: overlap.hours >= 4 ? 'good' : overlap.hours === 0 ? 'warn' : undefined,
    });
  }
  const lists: CardList[] = [];
  if (detail.screeningQuestions.length > 0) {
    lists.push({
      key: 'screeningQuestions',
      title: `Screening questions (${detail.screeningQuestions.length})`,
      items: detail.screeningQuestions,
    });
  }
  const qualifications = qualificationItems(detail.qualifications);
  if (qualifications.length > 0) lists.push({ key: 'qualifications', title: 'Required qualifications', items: qualifications });
  return { state: 'ready', title: TITLE, rows, lists };
}

export function qualificationItems(q: JobDetail['qualifications']): string[] {
  const items: string[] = [];
  if (q.jobSuccessScore !== null && q.jobSuccessScore > 0) items.push(`Job Success Score ${q.jobSuccessScore}% or more`);
  if (q.risingTalent) items.push('Rising Talent welcome');
  if (q.englishProficiency) items.push(`English: ${q.englishProficiency}`);
  if (q.hoursWorked !== null && q.hoursWorked > 0) items.push(`At least ${formatCount(q.hoursWorked)} hours worked on Upwork`);
  if (q.hasPortfolio) items.push('A portfolio');
  if (q.countries.length > 0) items.push(`Located in: ${q.countries.join(', ')}`);
  if (q.timezones.length > 0) items.push(`Time zones: ${q.timezones.join(', ')}`);
  return items;
}

export default defineFeature({
  id: 'job-detail-activity',
  title: 'Client activity on job pages',
  description:
    'Last seen, invites, interviews and hires, screening questions, required qualifications and working-hours overlap on job pages and the job slider.',
  include: [isJobDetails, isJobSlider],
  async init(ctx) {
    const id = jobIdFromUrl(ctx.url.href);
    if (!id) return; // An old-style ~01 link: no numeric id to ask the API with.
    // What the client dossier remembers of this client (when its jobs were on a list before).
    let history: ReturnType<typeof describeFacts> = null;
    const remembered = () =>
      ctx
        .send('dossier.forJobs', { ids: [id] })
        .then(({ facts }) => (facts[id] ? describeFacts(facts[id]) : null))
        .catch(() => null);
    const ask = () =>
      Promise.all([ctx.send('jobs.detail', { id }), remembered()]).then(([answer, found]) => {
        history = found;
        return answer.job;
      });
    // Ask while the page renders.
    const first = ask();
    first.catch(() => {});
    const anchor = await findJobPageAnchor(ctx);
    await showCardIsland(ctx, {
      name: 'job-activity',
      title: TITLE,
      loadingText: 'Loading client activity…',
      emptyMessage: 'The API has no details for this job (it may be private or closed).',
      dataset: { loupeJob: id },
      place: placeAtJobAnchor(anchor),
      first,
      again: ask,
      toModel: (job) => {
        const card = jobActivityCard(job, ctx.now(), localOffsetMinutes(ctx.now()));
        if (history && card.state === 'ready')
          card.rows.push({ key: 'history', label: 'Client history', value: history.text, title: history.title });
        return card;
      },
    });
  },
});
