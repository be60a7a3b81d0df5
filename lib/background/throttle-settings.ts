import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { UPWORK_LIMITS } from '../upwork/endpoints';
import { DEFAULT_LIMITS, type ThrottleLimits } from './queue/throttle';

/**
 * The throttle's two settings: how many Upwork requests a second Loupe sends, and how many may go
 * at once after a quiet spell. Their defaults and limits live with the throttle (queue/throttle.ts):
 * Upwork counts 10 in any 1,000 ms, and the throttle's window is never shorter than that.
 */

export type ThrottleSettings = ThrottleLimits;

export const DEFAULT_THROTTLE: Readonly<ThrottleSettings> = DEFAULT_LIMITS;

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
