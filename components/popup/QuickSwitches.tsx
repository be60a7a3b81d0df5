import { useId } from 'react';
import { featureCatalog } from '../../lib/features/index';
import { isFeatureOn } from '../../lib/features/toggles';
import { useFeatureToggles } from '../common/useFeatureToggles';

/** On/off for each page feature, from the same registry the options page lists (so they never drift). */
export function QuickSwitches() {
  const headingId = useId();
  const { toggles, error, change } = useFeatureToggles();

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
