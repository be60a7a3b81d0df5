import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { UPWORK_LIMITS } from '../upwork/endpoints';

/**
 * The throttle's two settings: how many Upwork requests a second Loupe sends, and how many may go
 * back to back after a quiet spell. Upwork allows 10 in a second; the defaults (8/s, burst 1) send
 * at most 9 in any 1-second window, one short of the limit, because requests do not reach Upwork
 * exactly when they leave: with 8/s and burst 2 the bench saw the sandbox count 11 in one second
 * now and then. The queue pulls any setting back so that rate + burst ≤ 10.
 */

export interface ThrottleSettings {
  ratePerSecond: number;
  burst: number;
}

export const DEFAULT_THROTTLE: Readonly<ThrottleSettings> = { ratePerSecond: 8, burst: 1 };

/** Each field falls back alone: a corrupt burst does not throw away a valid rate. */
export const throttleSettingsSchema = z
  .object({
    ratePerSecond: z.number().positive().max(UPWORK_LIMITS.requestsPerSecond).catch(DEFAULT_THROTTLE.ratePerSecond),
    burst: z.number().int().min(1).max(UPWORK_LIMITS.requestsPerSecond).catch(DEFAULT_THROTTLE.burst),
  })
  .catch(() => ({ ...DEFAULT_THROTTLE }));

export const THROTTLE_STORAGE_KEY = 'local:throttle';

let item: ReturnType<typeof defineThrottleItem> | undefined;

function defineThrottleItem() {
  return storage.defineItem<unknown>(THROTTLE_STORAGE_KEY, { version: 1 });
}

/** Defined on first use, not at import: defining a versioned item starts its migration (and needs a browser). */
export function throttleItem() {
  item ??= defineThrottleItem();
  return item;
}

export function parseThrottleSettings(value: unknown): ThrottleSettings {
  return throttleSettingsSchema.parse(value ?? {});
}

export async function readThrottleSettings(): Promise<ThrottleSettings> {
  try {
    return parseThrottleSettings(await throttleItem().getValue());
  } catch {
    return { ...DEFAULT_THROTTLE };
  }
}

/** Calls back with the parsed settings whenever they change (storage.onChanged); returns the unwatch function. */
export function watchThrottleSettings(onChange: (settings: ThrottleSettings) => void): () => void {
  return throttleItem().watch((value) => onChange(parseThrottleSettings(value)));
}

export async function writeThrottleSettings(settings: ThrottleSettings): Promise<void> {
  await throttleItem().setValue(parseThrottleSettings(settings));
}
