import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { UPWORK_LIMITS } from '../upwork/endpoints';

/**
 * The throttle's two settings: how many Upwork requests a second Loupe sends, and how many may go
 * back to back after a quiet spell. The defaults (8/s, burst 2) keep every 1-second window at or
 * under Upwork's 10; the queue pulls any setting back so that rate + burst ≤ 10.
 */

export interface ThrottleSettings {
  ratePerSecond: number;
  burst: number;
}

export const DEFAULT_THROTTLE: Readonly<ThrottleSettings> = { ratePerSecond: 8, burst: 2 };

/** Each field falls back alone: a corrupt burst does not throw away a valid rate. */
export const throttleSettingsSchema = z
  .object({
    ratePerSecond: z.number().positive().max(UPWORK_LIMITS.requestsPerSecond).catch(DEFAULT_THROTTLE.ratePerSecond),
    burst: z.number().int().min(1).max(UPWORK_LIMITS.requestsPerSecond).catch(DEFAULT_THROTTLE.burst),
  })
  .catch(() => ({ ...DEFAULT_THROTTLE }));

export const THROTTLE_STORAGE_KEY = 'local:throttle';

export const throttleItem = storage.defineItem<unknown>(THROTTLE_STORAGE_KEY, { version: 1 });

export function parseThrottleSettings(value: unknown): ThrottleSettings {
  return throttleSettingsSchema.parse(value ?? {});
}

export async function readThrottleSettings(): Promise<ThrottleSettings> {
  try {
    return parseThrottleSettings(await throttleItem.getValue());
  } catch {
    return { ...DEFAULT_THROTTLE };
  }
}

/** Calls back with the parsed settings whenever they change (storage.onChanged); returns the unwatch function. */
export function watchThrottleSettings(onChange: (settings: ThrottleSettings) => void): () => void {
  return throttleItem.watch((value) => onChange(parseThrottleSettings(value)));
}

export async function writeThrottleSettings(settings: ThrottleSettings): Promise<void> {
  await throttleItem.setValue(parseThrottleSettings(settings));
}
