import { useId } from 'react';
import { featureCatalog } from '../../lib/features/index';
import { isFeatureOn } from '../../lib/features/toggles';
import { useFeatureToggles } from '../common/useFeatureToggles';

/** On/off switches for the page features, listed from the feature registry so it never drifts from the code. */
export function FeatureToggles() {
  const { toggles, error, change } = useFeatureToggles();
  const headingId = useId();

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
