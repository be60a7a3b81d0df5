import { useEffect, useRef, useState } from 'react';
import { useWorker } from '../common/useWorker';
import { FeatureToggles } from './FeatureToggles';
import { SettingsHealthNotice } from './SettingsHealthNotice';
import { type OptionsSection, optionsSections, sectionFromHash } from './sections';
import './PowerTools.css';
import './options.css';

/** The section named by the URL's hash (`options.html#/rules`), following back and forward. */
function useSection(): OptionsSection {
  const [section, setSection] = useState(() => sectionFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setSection(sectionFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return section;
}

/**
 * Loupe's settings as a small app: a navigation list of sections, one section shown at a time,
 * each at its own address. Moving to another section puts the keyboard focus on its title, so a
 * screen reader announces where the user landed.
 */
export function OptionsApp() {
  const worker = useWorker('ping', { from: 'options' });
  const section = useSection();
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.title = `${section.title} · Loupe settings`;
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [section]);

  return (
    <div className="loupe-options">
      <header className="loupe-options-bar">
        <span className="loupe-brand" aria-hidden="true">
          <img src="/icons/32.png" alt="" width={24} height={24} />
        </span>
        <span className="loupe-brand-name">Loupe settings</span>
        <span data-testid="worker-status" role="status" className="loupe-quiet loupe-worker-status">
          {worker.status === 'ready'
            ? `Loupe ${worker.data.version} is running.`
            : worker.status === 'error'
              ? worker.message
              : 'Connecting…'}
        </span>
      </header>
      <nav className="loupe-options-nav" aria-label="Settings sections">
        <ul>
          {optionsSections.map((item) => (
            <li key={item.id}>
              <a href={`#/${item.id}`} aria-current={item.id === section.id ? 'page' : undefined} data-section={item.id}>
                {item.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="loupe-options-main" data-testid="options-section" data-section={section.id} aria-labelledby="loupe-section-title">
        <h1 id="loupe-section-title" ref={heading} tabIndex={-1}>
          {section.title}
        </h1>
        <p className="loupe-section-summary">{section.summary}</p>
        <SettingsHealthNotice />
        <FeatureToggles ids={section.features} />
        {section.body()}
      </main>
    </div>
  );
}
