import { MAX_BATCH_SIZE } from '../../upwork/api/operations';

/**
 * How often watched jobs are checked. One check round asks for every watched job in batches of
 * MAX_BATCH_SIZE, so it costs ceil(jobs / 25) requests. The watchlist may spend at most a tenth of
 * the requests left today; the interval is what that share allows, never under 15 minutes
 * (a person-like pace) nor over a day:
 *
 *   interval = max(15 min, min(24 h, 24 h × requests per round ÷ (10% of today's requests left)))
 */

export const ALARM_NAME = 'watchlist';
export const MIN_INTERVAL_MINUTES = 15;
const DAY_MINUTES = 24 * 60;
export const BUDGET_SHARE = 0.1;

export const FORMULA_WORDS =
  'Checks every max(15 min, 24 h × requests per check ÷ 10% of today’s requests left), at most once a day; one check asks for 25 jobs per request.';

export interface WatchInterval {
  minutes: number;
  requestsPerRound: number;
  requestsPerDay: number;
  why: string;
}

export function watchInterval(watched: number, requestsLeftToday: number): WatchInterval {
  const requestsPerRound = Math.ceil(watched / MAX_BATCH_SIZE);
  if (requestsPerRound === 0) return { minutes: DAY_MINUTES, requestsPerRound, requestsPerDay: 0, why: 'Nothing is watched.' };
  const share = Math.max(0, requestsLeftToday) * BUDGET_SHARE;
  const wanted = share > 0 ? (DAY_MINUTES * requestsPerRound) / share : DAY_MINUTES;
  const minutes = Math.round(Math.min(DAY_MINUTES, Math.max(MIN_INTERVAL_MINUTES, wanted)));
  const requestsPerDay = Math.ceil(DAY_MINUTES / minutes) * requestsPerRound;
  const why = `${watched} watched ${watched === 1 ? 'job' : 'jobs'} = ${requestsPerRound} ${requestsPerRound === 1 ? 'request' : 'requests'} per check; ${Math.floor(share).toLocaleString('en-US')} requests (10% of today’s ${Math.max(0, requestsLeftToday).toLocaleString('en-US')} left) allow a check every ${minutes} min, ${requestsPerDay.toLocaleString('en-US')} requests a day.`;
  return { minutes, requestsPerRound, requestsPerDay, why };
}
