import { useEffect, useId, useState } from 'react';
import { featureCatalog } from '../../lib/features/index';
import { type FeatureToggles, featureTogglesItem, isFeatureOn, readToggles, setFeatureOn } from '../../lib/features/toggles';

/** On/off for each page feature, from the same registry the options page lists (so they never drift). */
export function QuickSwitches() {
  const headingId = useId();
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
      setError(`Loupe could not save this switch: ${caught instanceof Error ? caught.message : String(caught)}`);
    }
  };

  return (
    <section aria-labelledby={headingId} data-testid="quick-switches">
      <h2 id={headingId}>On Upwork’s pages</h2>
      <ul className="loupe-switches">
        {featureCatalog.map((feature) => (
          <li key={feature.id} data-feature={feature.id}>
            <label title={feature.description}>
              <input
                type="checkbox"
                role="switch"
                aria-checked={toggles === null ? true : isFeatureOn(toggles, feature.id)}
                disabled={toggles === null}
                checked={toggles === null ? true : isFeatureOn(toggles, feature.id)}
                onChange={(event) => void change(feature.id, event.currentTarget.checked)}
              />{' '}
              {feature.title}
            </label>
          </li>
        ))}
      </ul>
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
