import { useEffect, useId, useState } from 'react';
import { featureCatalog } from '../../lib/features/index';
import { featureTogglesItem, isFeatureOn, readToggles, setFeatureOn, type FeatureToggles as Toggles } from '../../lib/features/toggles';

/** On/off switches for the page features, listed from the feature registry so it never drifts from the code. */
export function FeatureToggles() {
  const [toggles, setToggles] = useState<Toggles | null>(null);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();

  useEffect(() => {
    let live = true;
    readToggles().then(
      (value) => live && setToggles(value),
      () => live && setToggles({}),
    );
    const unwatch = featureTogglesItem.watch(() => {
      void readToggles().then((value) => live && setToggles(value));
    });
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
      setToggles(await readToggles().catch(() => ({})));
    }
  };

  return (
    <section className="loupe-feature-toggles" aria-labelledby={headingId}>
      <h2 id={headingId}>On Upwork’s pages</h2>
      {toggles === null ? (
        <p role="status">Loading…</p>
      ) : (
        <ul className="loupe-toggle-list">
          {featureCatalog.map((feature) => (
            <li key={feature.id} data-feature={feature.id}>
              <label>
                <input
                  type="checkbox"
                  role="switch"
                  checked={isFeatureOn(toggles, feature.id)}
                  aria-checked={isFeatureOn(toggles, feature.id)}
                  aria-describedby={`${headingId}-${feature.id}`}
                  onChange={(event) => void change(feature.id, event.currentTarget.checked)}
                />{' '}
                {feature.title}
              </label>
              <p id={`${headingId}-${feature.id}`} className="loupe-toggle-description">
                {feature.description}
              </p>
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
