import { useEffect, useState } from 'react';
import type { FieldIssue } from '../../lib/settings/fields';
import { blockListDoc, notesDoc, readSettingsHealth, savedSearchesDoc, settingsDoc } from '../../lib/settings/store';

/** Stored fields Loupe could not read and reset, in words; gone once the user saves that part again. */
export function SettingsHealthNotice() {
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      void readSettingsHealth().then(
        (found) => live && setIssues(found),
        () => undefined,
      );
    load();
    const unwatch = [settingsDoc, blockListDoc, notesDoc, savedSearchesDoc].map((doc) => doc.watch(load));
    return () => {
      live = false;
      for (const stop of unwatch) stop();
    };
  }, []);
  if (issues.length === 0) return null;
  return (
    <div role="alert" className="loupe-health" data-testid="settings-health">
      <p>Some saved settings could not be read and are using their defaults:</p>
      <ul>
        {issues.map((issue) => (
          <li key={`${issue.path}:${issue.message}`} data-path={issue.path}>
            {issue.message}
          </li>
        ))}
      </ul>
      <p className="loupe-hint">Check them below and save to keep the fix.</p>
    </div>
  );
}
