import { useId, useRef, useState } from 'react';

/** A value to paste elsewhere (the callback URL), shown whole with a Copy button. */
export function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const [notice, setNotice] = useState('');
  const code = useRef<HTMLElement>(null);
  const labelId = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setNotice('Copied.');
    } catch {
      // Clipboard access can be refused; selecting the text lets the user copy it by hand.
      if (code.current) window.getSelection()?.selectAllChildren(code.current);
      setNotice('Selected: press Ctrl+C (⌘C on a Mac) to copy.');
    }
  }

  return (
    <div className="loupe-copy-field">
      <span id={labelId} className="loupe-copy-label">
        {label}
      </span>
      <div className="loupe-row">
        <code ref={code} className="loupe-copy-value" data-testid={testId}>
          {value}
        </code>
        <button type="button" onClick={() => void copy()} data-testid={`copy-${testId}`} aria-describedby={labelId}>
          Copy
        </button>
        <span role="status" className="loupe-quiet">
          {notice}
        </span>
      </div>
    </div>
  );
}
