import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { UPWORK_LIMITS } from '../upwork/endpoints';

/**
 * The throttle's two settings: how many Upwork requests a second Loupe sends, and how many may go
 * at once after a quiet spell. The worker's throttle (background/queue/throttle.ts) reads its
 * defaults from here: Upwork counts 10 in any 1,000 ms, and the throttle's window is never shorter.
 */

export interface ThrottleLimits {
  /** Sustained sends per second. */
  ratePerSecond: number;
  /** Sends that may go at once after a quiet spell (at most Upwork's 10 per window). */
  burst: number;
}

/** 9.5/s with bursts of 10: Upwork's window used to 95 %, with room for requests arriving bunched. */
export const DEFAULT_LIMITS: Readonly<ThrottleLimits> = { ratePerSecond: 9.5, burst: 10 };

export type ThrottleSettings = ThrottleLimits;

/** Each field falls back alone: a corrupt burst does not throw away a valid rate. */
export const throttleSettingsSchema = z
  .object({
    ratePerSecond: z.number().positive().max(UPWORK_LIMITS.requestsPerSecond).catch(DEFAULT_LIMITS.ratePerSecond),
    burst: z.number().int().min(1).max(UPWORK_LIMITS.requestsPerSecond).catch(DEFAULT_LIMITS.burst),
  })
  .catch(() => ({ ...DEFAULT_LIMITS }));

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
    return { ...DEFAULT_LIMITS };
  }
}

/** Calls back with the parsed settings whenever they change (storage.onChanged); returns the unwatch function. */
export function watchThrottleSettings(onChange: (settings: ThrottleSettings) => void): () => void {
  return throttleItem().watch((value) => onChange(parseThrottleSettings(value)));
}

export async function writeThrottleSettings(settings: ThrottleSettings): Promise<void> {
  await throttleItem().setValue(parseThrottleSettings(settings));
}
