import { formatCount } from '../../helpers/format';
import {
  formatClock,
  formatHourOfDay,
  formatOffset,
  formatTimeAgo,
  localOffsetMinutes,
  type Overlap,
  parseUtcOffset,
  resolveOffsetMinutes,
  workingHoursOverlap,
} from '../../helpers/time';
import { defineJobPageFeature } from '../../page/feature';
import { showCardIsland } from '../../page/ui/card-island';
import { findJobPageAnchor, placeAtJobAnchor } from '../../page/ui/job-anchor';
import type { CardLink, CardList, CardModel } from '../../page/views';
import type { OtherJob } from '../../power/dossier';
import type { CardRow } from '../../present/client-rows';
import { describeFacts } from '../../present/dossier-facts';
import type { JobDetail } from '../../upwork/model';
import { jobUrl } from '../../upwork/site/urls';

/**
 * On a job page (or the slider): how active the client is (last seen, invites, interviews, hires),
 * the screening questions and required qualifications, whether your working days overlap and how
 * that was worked out, and the client's other jobs Loupe has seen (which Upwork's page doesn't list).
 */

const TITLE = 'Client activity · Loupe';
const WORK_START = 9;
const WORK_END = 17;

/** This browser's time zone, as the user knows it. */
export interface UserZone {
  /** IANA name ("Europe/Berlin"), when the browser says. */
  name: string | null;
  offsetMinutes: number;
}

export function jobActivityCard(detail: JobDetail, now: Date, user: UserZone, otherJobs: readonly OtherJob[] = []): CardModel {
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
  const lists: CardList[] = [];
  const offset = resolveOffsetMinutes(client.timezone, null, now);
  if (offset !== null && client.timezone) {
    const place = [client.city, client.country].filter(Boolean).join(', ');
    rows.push({
      key: 'localTime',
      label: 'Client’s local time',
      value: `${formatClock(now, offset)} (${formatOffset(offset)})`,
      title: place ? `Time now in ${place}` : undefined,
    });
    const overlap = workingHoursOverlap(user.offsetMinutes, offset, WORK_START, WORK_END);
    rows.push({
      key: 'overlap',
      label: 'Working hours overlap',
      value: overlap.userWindow
        ? `${formatCount(overlap.hours)} h (${formatHourOfDay(overlap.userWindow.start)}–${formatHourOfDay(overlap.userWindow.end)} your time)`
        : 'none',
      title: `Hours when it is between ${WORK_START}:00 and ${WORK_END}:00 for both you and the client`,
      tone: overlap.hours >= 4 ? 'good' : overlap.hours === 0 ? 'warn' : undefined,
    });
    lists.push({
      key: 'overlapHow',
      title: 'How the overlap is worked out',
      items: overlapSteps(client.timezone, offset, user, overlap),
      open: false,
    });
  }
  if (otherJobs.length > 0) {
    lists.push({
      key: 'otherJobs',
      title: `This client’s other jobs Loupe has seen (${otherJobs.length})`,
      items: otherJobs.map((job) => otherJobItem(job, now)),
      open: true,
    });
  }
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

/**
 * The overlap's workings in plain words: where each side's zone comes from, the working day
 * assumed, and the result. A number nobody can check is worth less than one that shows its sums.
 */
export function overlapSteps(clientZone: string, clientOffset: number, user: UserZone, overlap: Overlap): string[] {
  const client = zoneText(clientZone, clientOffset);
  const mine = zoneText(user.name, user.offsetMinutes);
  const hours = `${WORK_START}:00–${WORK_END}:00`;
  return [
    `Client’s time zone: ${client}, from the client’s details on Upwork.`,
    `Your time zone: ${mine}, from this browser’s settings.`,
    `Working hours are taken as ${hours} on both sides: Upwork doesn’t say when the client works.`,
    overlap.userWindow
      ? `Result: ${formatCount(overlap.hours)} h when both of you are within ${hours}, ${formatHourOfDay(overlap.userWindow.start)}–${formatHourOfDay(overlap.userWindow.end)} your time.`
      : `Result: no hour when both of you are within ${hours}.`,
  ];
}

/** A zone by its name and today's offset (an IANA zone follows daylight saving); a bare offset once. */
function zoneText(name: string | null, offsetMinutes: number): string {
  return name && parseUtcOffset(name) === null ? `${name} (${formatOffset(offsetMinutes)} today)` : formatOffset(offsetMinutes);
}

/** A link to the job on Upwork (the id is the API's numeric one, so the address is always Upwork's), and when it was posted. */
export function otherJobItem(job: OtherJob, now: Date): CardLink {
  const posted = job.postedAt > 0 ? formatTimeAgo(new Date(job.postedAt), now) : null;
  return {
    text: job.title || 'Untitled job',
    href: jobUrl(job.id),
    ...(posted ? { note: `posted ${posted}` } : {}),
  };
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

export default defineJobPageFeature({
  id: 'job-detail-activity',
  section: 'pages',
  title: 'Client activity on job pages',
  description:
    'Last seen, invites, interviews and hires, screening questions, required qualifications and working-hours overlap on job pages and the job slider.',
  async init(ctx, id) {
    // What the client dossier remembers of this client (when its jobs were on a list before).
    let history: ReturnType<typeof describeFacts> = null;
    let otherJobs: OtherJob[] = [];
    // What Loupe remembers is extra: if asking fails, the card shows without it.
    const remembered = () =>
      ctx
        .send('dossier.forJobs', { ids: [id] })
        .then(({ facts }) => (facts[id] ? describeFacts(facts[id]) : null))
        .catch(() => null);
    const others = () =>
      ctx
        .send('dossier.clientJobs', { id })
        .then(({ jobs }) => jobs)
        .catch(() => []);
    const ask = () =>
      Promise.all([ctx.send('jobs.detail', { id }), remembered(), others()]).then(([answer, found, jobs]) => {
        history = found;
        otherJobs = jobs;
        return answer.job;
      });
    await showCardIsland(ctx, {
      name: 'job-activity',
      title: TITLE,
      loadingText: 'Loading client activity…',
      emptyMessage: 'The API has no details for this job (it may be private or closed).',
      dataset: { loupeJob: id },
      place: async () => placeAtJobAnchor(await findJobPageAnchor(ctx)),
      ask,
      toModel: (job) => {
        const now = ctx.now();
        const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        const card = jobActivityCard(job, now, { name: zone || null, offsetMinutes: localOffsetMinutes(now) }, otherJobs);
        if (history && card.state === 'ready')
          card.rows.push({ key: 'history', label: 'Client history', value: history.text, title: history.title });
        return card;
      },
    });
  },
});
