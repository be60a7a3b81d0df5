import { browser } from 'wxt/browser';
import { DEFAULT_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from '../../messaging/messages/alerts';
import type { SavedSearch } from '../../settings/schema';

/**
 * When saved searches are checked. One `alarms` alarm per search ('alert:<id>', repeating at the
 * search's interval): alarms wake a stopped MV3 worker, so no timer has to stay alive. A pause
 * (signed out, budget, backoff) never removes the alarm: the alarm fires, the check is skipped
 * with a reason, and the first alarm after the reason clears checks again.
 */

export const ALARM_PREFIX = 'alert:';

export function alarmName(searchId: string): string {
  return `${ALARM_PREFIX}${searchId}`;
}

/** The search id of one of Loupe's alert alarms, or null for any other alarm. */
export function searchIdOfAlarm(name: string): string | null {
  return name.startsWith(ALARM_PREFIX) && name.length > ALARM_PREFIX.length ? name.slice(ALARM_PREFIX.length) : null;
}

/**
 * Whole minutes between MIN (5: Upwork's rules ask for a slow, person-like pace) and a day.
 * Anything unreadable gets the default.
 */
export function clampInterval(minutes: unknown): number {
  if (typeof minutes !== 'number' || !Number.isFinite(minutes)) return DEFAULT_INTERVAL_MINUTES;
  return Math.min(MAX_INTERVAL_MINUTES, Math.max(MIN_INTERVAL_MINUTES, Math.round(minutes)));
}

/** Backing off never waits longer than this between tries. */
export const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/**
 * After `failures` failed checks in a row, how long after the last failure the next check may run.
 * The first failure retries at the next alarm; from the second on, the wait doubles per failure
 * (2, 4, 8… intervals), capped at six hours, so a broken search or an Upwork outage costs little.
 */
export function backoffDelayMs(failures: number, intervalMinutes: number): number {
  if (failures <= 1) return 0;
  const intervalMs = clampInterval(intervalMinutes) * 60_000;
  return Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** (failures - 1));
}

/** Alarms may fire a little early; a check this close to its retry time counts as due. */
export const ALARM_SLACK_MS = 30_000;

export function isDue(retryAt: number | null, now: number): boolean {
  return retryAt === null || now + ALARM_SLACK_MS >= retryAt;
}

/** Makes the alarms match the saved searches: one per enabled search, at its interval. */
export async function syncSearchAlarms(searches: readonly SavedSearch[]): Promise<void> {
  const alarms = await browser.alarms.getAll();
  const existing = new Map<string, { name: string; periodInMinutes?: number }>();
  for (const alarm of alarms) {
    const id = searchIdOfAlarm(alarm.name);
    if (id) existing.set(id, alarm);
  }
  for (const search of searches) {
    const alarm = existing.get(search.id);
    existing.delete(search.id);
    if (!search.enabled) {
      if (alarm) await browser.alarms.clear(alarm.name);
      continue;
    }
    const interval = clampInterval(search.intervalMinutes);
    // Re-creating an alarm restarts its clock: only when the interval really changed.
    if (alarm?.periodInMinutes === interval) continue;
    await browser.alarms.create(alarmName(search.id), { delayInMinutes: interval, periodInMinutes: interval });
  }
  for (const alarm of existing.values()) await browser.alarms.clear(alarm.name);
}
