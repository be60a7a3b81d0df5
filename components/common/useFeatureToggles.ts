import { useEffect, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { type FeatureToggles, featureTogglesItem, readToggles, setFeatureOn } from '../../lib/settings/toggles';

/**
 * The page features' on/off switches as stored, kept current while the page is open, for the
 * options page and the popup alike. `null` until the first read. A switch flips at once; if saving
 * fails, the error says so and the switches go back to what is stored.
 */
export function useFeatureToggles() {
  const [toggles, setToggles] = useState<FeatureToggles | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      void readToggles().then(
        (value) => live && setToggles(value),
        () => live && setToggles({}),
      );
    load();
    const unwatch = featureTogglesItem.watch(load);
    return () => {
      live = false;
      unwatch();
    };
  }, []);

  const change = async (id: string, on: boolean) => {
    setError(null);
    setToggles((current) => ({ ...(current ?? {}), [id]: on }));
    try {
      await setFeatureOn(id, on);
    } catch (caught) {
      setError(`Loupe could not save this switch: ${messageOf(caught)}`);
      setToggles(await readToggles().catch(() => ({})));
    }
  };

  return { toggles, error, change };
}
