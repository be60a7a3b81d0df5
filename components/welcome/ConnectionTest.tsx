import { useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { sendMessage } from '../../lib/messaging/client';
import type { ResponseOf } from '../../lib/messaging/contract';

type Report = ResponseOf<'auth.testConnection'>;

const CHECK_NAMES: Record<string, string> = {
  'token-endpoint': 'API key',
  'authorize-page': 'Sign-in page',
  account: 'Your account',
  'job-postings': 'Job postings',
  'freelancer-profiles': 'Freelancer profiles',
};

const MARKS = { passed: '✓', failed: '✗', skipped: '–' } as const;

/** Asks the worker to try the key, the sign-in page, the account and each scope; shows each answer in words. */
export function ConnectionTest({ disabled, onResult }: { disabled: boolean; onResult(ok: boolean): void }) {
  const [report, setReport] = useState<Report | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setReport(null);
    try {
      const answer = await sendMessage('auth.testConnection', {});
      setReport(answer);
      onResult(answer.ok && answer.checks.every((check) => check.outcome === 'passed'));
    } catch (caught) {
      setError(messageOf(caught));
      onResult(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>Loupe checks your key, Upwork’s sign-in page, your account, and that the key has the scopes Loupe needs.</p>
      <p>
        <button type="button" onClick={() => void run()} disabled={disabled || busy} data-testid="welcome-test-connection">
          {busy ? 'Testing…' : 'Test the connection'}
        </button>
      </p>
      {error && (
        <p role="alert" className="loupe-bad">
          {error}
        </p>
      )}
      {report && (
        <ul className="loupe-checks" aria-label="Connection test results" data-testid="welcome-connection-results">
          {report.checks.map((check) => (
            <li key={check.check} data-check={check.check} data-outcome={check.outcome}>
              <span className={`loupe-check-mark loupe-check-${check.outcome}`} aria-hidden="true">
                {MARKS[check.outcome]}
              </span>
              <span>
                <strong>{CHECK_NAMES[check.check] ?? check.check}</strong>
                <span className="loupe-visually-hidden"> ({check.outcome})</span>: {check.message}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
