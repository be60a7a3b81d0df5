import { storage } from 'wxt/utils/storage';
import { z } from 'zod';

/**
 * Per-feature on/off switches: `storage.local` key `features`, a map of feature id -> boolean.
 * A feature missing from the map is on. A corrupt value counts as "all on" rather than breaking
 * the page.
 */
const togglesSchema = z.record(z.string().max(60), z.boolean()).catch({});
export type FeatureToggles = Record<string, boolean>;

export const featureTogglesItem = storage.defineItem<FeatureToggles>('local:features', { fallback: {} });

export async function readToggles(): Promise<FeatureToggles> {
  return togglesSchema.parse(await featureTogglesItem.getValue());
}

export function isFeatureOn(toggles: FeatureToggles, id: string): boolean {
  return toggles[id] !== false;
}

export async function setFeatureOn(id: string, on: boolean): Promise<void> {
  const toggles = await readToggles();
  await featureTogglesItem.setValue({ ...toggles, [id]: on });
}
