import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { OPEN_POPUP, TILE_COMMAND_SPECS } from '../../lib/commands/index';
import { Promises } from '../common/Promises';

interface Shortcut {
  name: string;
  description: string;
  shortcut: string;
}

/** The suggested keys, until the browser says which ones the user actually has. */
const SUGGESTED: Shortcut[] = [
  { name: 'open', description: OPEN_POPUP.description, shortcut: OPEN_POPUP.key },
  ...Object.entries(TILE_COMMAND_SPECS).map(([name, spec]) => ({ name, description: spec.description, shortcut: spec.key })),
];

function useShortcuts(): Shortcut[] {
  const [shortcuts, setShortcuts] = useState(SUGGESTED);
  useEffect(() => {
    let live = true;
    browser.commands
      ?.getAll()
      .then((commands) => {
        if (!live) return;
        setShortcuts(
          commands.map((command) => ({
            name: command.name ?? '',
            description: command.description || OPEN_POPUP.description,
            shortcut: command.shortcut ?? '',
          })),
        );
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return shortcuts;
}

/** Keyboard shortcuts as the browser has them now (the user can change them in the browser). */
export function ShortcutList() {
  const shortcuts = useShortcuts();
  return (
    <section className="loupe-card" aria-labelledby="loupe-shortcuts" data-testid="shortcuts">
      <h2 id="loupe-shortcuts">Keyboard shortcuts</h2>
      <dl className="loupe-shortcuts">
        {shortcuts.map((item) => (
          <div key={item.name} data-command={item.name}>
            <dt>
              {item.shortcut ? (
                item.shortcut.split('+').map((key, index) => (
                  <span key={key}>
                    {index > 0 && '+'}
                    <kbd>{key}</kbd>
                  </span>
                ))
              ) : (
                <span className="loupe-quiet">not set</span>
              )}
            </dt>
            <dd>{item.description}</dd>
          </div>
        ))}
      </dl>
      <p className="loupe-hint">
        Change them in your browser: <code>chrome://extensions/shortcuts</code> in Chrome, “Manage Extension Shortcuts” in Firefox’s add-ons
        page. The job-list shortcuts work on Upwork’s job searches and feeds.
      </p>
    </section>
  );
}

export function About() {
  return (
    <>
      <Promises />
      <ShortcutList />
      <section className="loupe-card" aria-labelledby="loupe-about-more">
        <h2 id="loupe-about-more">Getting started again</h2>
        <p>The first-run guide walks through getting an API key, signing in and testing the connection.</p>
        <p>
          <a className="loupe-btn" href="/welcome.html" data-testid="open-welcome">
            Open the welcome guide
          </a>
        </p>
        <p className="loupe-hint">
          Loupe {browser.runtime.getManifest().version}. Loupe is not made by or affiliated with Upwork. What Loupe stores and who can read
          it is described in its SECURITY.md.
        </p>
      </section>
    </>
  );
}
