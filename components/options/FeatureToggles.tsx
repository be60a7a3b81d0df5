import { useId } from 'react';
import { featureCatalog } from '../../lib/features/index';
import { isFeatureOn } from '../../lib/settings/toggles';
import { useFeatureToggles } from '../common/useFeatureToggles';

/**
 * On/off switches for the page features named in `ids`, listed from the feature registry so they
 * never drift from the code. Each settings section shows the switches of the features it configures.
 */
export function FeatureToggles({ ids, title = 'On Upwork’s pages' }: { ids: readonly string[]; title?: string }) {
  const { toggles, error, change } = useFeatureToggles();
  const headingId = useId();
  const shown = featureCatalog.filter((feature) => ids.includes(feature.id));
  if (shown.length === 0) return null;

  return (
    <section className="loupe-card loupe-feature-toggles" aria-labelledby={headingId} data-testid="feature-toggles">
      <h2 id={headingId}>{title}</h2>
      {toggles === null ? (
        <p role="status">Loading…</p>
      ) : (
        <ul className="loupe-toggle-list">
          {shown.map((feature) => (
            <li key={feature.id} data-feature={feature.id}>
              <label className="loupe-toggle">
                <span className="loupe-toggle-text">
                  <span className="loupe-toggle-title">{feature.title}</span>
                  <span id={`${headingId}-${feature.id}`} className="loupe-hint">
                    {feature.description}
                  </span>
                </span>
                <input
                  type="checkbox"
                  role="switch"
                  checked={isFeatureOn(toggles, feature.id)}
                  aria-checked={isFeatureOn(toggles, feature.id)}
                  aria-describedby={`${headingId}-${feature.id}`}
                  onChange={(event) => void change(feature.id, event.currentTarget.checked)}
                />
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && <p role="alert">{error}</p>}
    </section>
  );
}
