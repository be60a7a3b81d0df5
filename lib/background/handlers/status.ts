import type { ApiStatus } from '../../messaging/messages/status';
import type { Handlers } from '../../messaging/router';
import { readThrottleSettings, type ThrottleSettings } from '../../settings/throttle';
import type { TokenSource } from '../../upwork/api/token-source';
import { UPWORK_LIMITS } from '../../upwork/endpoints';
import type { ApiService } from '../api-service';
import { safeLimits } from '../queue/throttle';
import { getWorkerApiService } from '../requests';

export interface StatusHandlerDeps {
  service: () => ApiService;
  tokens: TokenSource;
  /** The throttle settings, shown while no queue exists yet (signed out, nothing sent). */
  throttle: () => Promise<ThrottleSettings>;
}

/** The popup's view of the API: picked field by field from ApiService.status(), so nothing else leaks. */
export async function buildApiStatus({ service, tokens, throttle }: StatusHandlerDeps): Promise<ApiStatus> {
  const [status, accountKey] = await Promise.all([service().status(), tokens.getAccountKey()]);
  const { cache } = status;
  const cacheView = {
    hits: cache.hits,
    misses: cache.misses,
    staleHits: cache.staleHits,
    entries: cache.entries,
    disabledReason: cache.disabledReason,
  };
  const queue = status.queue;
  if (!queue) {
    const limits = await throttle();
    const { ratePerSecond, burst } = safeLimits(limits.ratePerSecond, limits.burst);
    return {
      queue: {
        queued: 0,
        inFlight: 0,
        ratePerSecond,
        currentRate: ratePerSecond,
        burst,
        recentRate: 0,
        requestsToday: 0,
        dailyLimit: UPWORK_LIMITS.requestsPerDay,
        dailyWarning: false,
        backgroundPaused: false,
        budgetProblem: null,
        slowedUntil: null,
      },
      cache: cacheView,
      lastError: null,
      signedIn: accountKey !== null,
    };
  }
  return {
    queue: {
      queued: queue.queued,
      inFlight: queue.inFlight,
      ratePerSecond: queue.ratePerSecond,
      currentRate: queue.currentRate,
      burst: queue.burst,
      recentRate: queue.recentRate,
      requestsToday: queue.requestsToday,
      dailyLimit: queue.dailyLimit,
      dailyWarning: queue.dailyWarning,
      backgroundPaused: queue.backgroundPaused,
      budgetProblem: queue.budgetProblem,
      slowedUntil: queue.slowedUntil,
    },
    cache: cacheView,
    lastError: queue.lastError ? { message: queue.lastError.message.slice(0, 1_000), at: queue.lastError.at } : null,
    signedIn: accountKey !== null,
  };
}

export function createStatusHandlers(deps: StatusHandlerDeps): Handlers {
  return { 'status.get': () => buildApiStatus(deps) };
}

/** The worker's status handler over its real ApiService. */
export function statusHandlers(tokens: TokenSource): Handlers {
  return createStatusHandlers({ service: () => getWorkerApiService(tokens), tokens, throttle: readThrottleSettings });
}
