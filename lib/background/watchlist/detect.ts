import type { WatchEvent, WatchSnapshot } from '../../messaging/messages/watchlist';
import type { JobDetail } from '../../upwork/model';

/**
 * What changed on a watched job between two checks, as the events a freelancer acts on. The first
 * check only records where things stand: nothing that was already so is news.
 */

export function snapshotOf(detail: JobDetail, proposals: number | null): WatchSnapshot {
  return {
    lastClientActivity: detail.activity.lastClientActivity,
    invitesSent: detail.activity.invitesSent,
    interviewing: detail.activity.interviewing,
    hired: detail.activity.hired,
    proposals,
  };
}

const timeOf = (text: string | null) => (text === null ? Number.NaN : Date.parse(text));

/** `detail` null: Upwork no longer has the job (closed or removed). */
export function detectChanges(
  before: WatchSnapshot | null,
  detail: JobDetail | null,
  proposals: number | null,
  threshold: number | null,
  at: number,
): { events: WatchEvent[]; snapshot: WatchSnapshot | null } {
  if (!detail) return { events: [{ at, kind: 'closed', text: 'The job was closed: Upwork no longer shows it.' }], snapshot: before };
  const now = snapshotOf(detail, proposals ?? before?.proposals ?? null);
  if (!before) return { events: [], snapshot: now };
  const events: WatchEvent[] = [];
  const add = (kind: WatchEvent['kind'], text: string) => events.push({ at, kind, text });
  if (now.hired > before.hired)
    add('hired', `The client hired ${now.hired === 1 ? 'someone' : `${now.hired} freelancers`}. Loupe stops watching.`);
  if (now.interviewing > before.interviewing)
    add('interviews', before.interviewing === 0 ? `Interviews started (${now.interviewing}).` : `More interviews: ${now.interviewing}.`);
  if (now.invitesSent > before.invitesSent) add('invites', `The client sent invites: ${now.invitesSent} so far.`);
  const active = timeOf(now.lastClientActivity);
  const previously = timeOf(before.lastClientActivity);
  if (!Number.isNaN(active) && (Number.isNaN(previously) || active > previously)) add('client-active', 'The client was active again.');
  if (threshold !== null && now.proposals !== null && now.proposals >= threshold && (before.proposals ?? 0) < threshold)
    add('proposals', `Proposals reached ${now.proposals} (your mark is ${threshold}).`);
  return { events, snapshot: now };
}
