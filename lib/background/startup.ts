import { readThrottleSettings, type ThrottleSettings, watchThrottleSettings } from '../settings/throttle';
import type { TokenSource } from '../upwork/api/token-source';
import type { ApiService } from './api-service';
import { getWorkerApiService, setWorkerThrottle } from './requests';

/**
 * What the API core does each time the worker starts. MV3 stops an idle worker after ~30 s and
 * starts a fresh one for the next event; the queue persisted its budget, today's count and
 * descriptions of unfinished work, and this takes them up again:
 * 1. the throttle settings are applied first (and again whenever they change), so resumed work
 *    already goes at the user's rate;
 * 2. then the unfinished work of the signed-in account is resumed (its results land in the cache,
 *    where the pages that asked will find them). Signed out: nothing to resume.
 */

export interface StartupDeps {
  service: () => ApiService;
  applyThrottle: (settings: ThrottleSettings) => void;
  readThrottle: () => Promise<ThrottleSettings>;
  watchThrottle: (onChange: (settings: ThrottleSettings) => void) => () => void;
}

export interface ApiCoreStartup {
  /** Settles once the settings are applied and unfinished work is queued again; true when work was resumed for an account. */
  ready: Promise<boolean>;
  /** Stops watching the settings (tests). */
  stop(): void;
}

/** Call synchronously from the worker's start (the settings watcher is a storage.onChanged listener). */
export function startApiCore(deps: StartupDeps): ApiCoreStartup {
  let applied = false;
  // A change that lands while the stored value is still being read must win over that read.
  const stop = deps.watchThrottle((settings) => {
    applied = true;
    deps.applyThrottle(settings);
  });
  const ready = (async () => {
    try {
      const settings = await deps.readThrottle();
      if (!applied) deps.applyThrottle(settings);
    } catch (error) {
      console.warn('Loupe could not read its throttle settings; using the safe defaults.', error);
    }
    try {
      return await deps.service().resumeUnfinished();
    } catch (error) {
      console.warn('Loupe could not resume unfinished Upwork requests.', error);
      return false;
    }
  })();
  return { ready, stop };
}

/** The worker's start-up over the real parts. */
export function startWorkerApiCore(tokens: TokenSource): ApiCoreStartup {
  return startApiCore({
    service: () => getWorkerApiService(tokens),
    applyThrottle: setWorkerThrottle,
    readThrottle: readThrottleSettings,
    watchThrottle: watchThrottleSettings,
  });
}
