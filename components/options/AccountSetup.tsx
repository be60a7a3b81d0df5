import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { sendMessage } from '../../lib/messaging/client';
import { clientIdSchema, clientSecretSchema } from '../../lib/messaging/messages/auth';
import { AccountError, accountLine, SignedInOrganizationPicker, SignInButton, SignOutButton, useAuthDetails } from '../common/AccountData';

type Check = { check: string; outcome: 'passed' | 'failed' | 'skipped'; message: string };

const CHECK_NAMES: Record<string, string> = {
  'token-endpoint': 'API key',
  'authorize-page': 'Sign-in page',
  account: 'Account',
  'job-postings': 'Job postings scope',
  'freelancer-profiles': 'Freelancer profiles scope',
};

function firstIssue(result: { success: boolean; error?: { issues: { message: string }[] } }): string | null {
  return result.success ? null : (result.error?.issues[0]?.message ?? 'Not valid.');
}

/** A field's attributes while `message` says what is wrong with it: invalid, and described by the message's element. */
function pointedAt(message: string | null, errorId: string) {
  return message ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
}

function FieldError(props: { id: string; testId: string; message: string | null }) {
  if (!props.message) return null;
  return (
    <span id={props.id} role="alert" data-testid={props.testId} className="loupe-field-error" style={{ display: 'block' }}>
      {props.message}
    </span>
  );
}

/** Bring-your-own API key: the key's client id (and secret), its callback URL, and sign-in. */
export function AccountSetup() {
  const auth = useAuthDetails();
  const { details, error, busy, run, setError } = auth;
  const ids = { clientId: useId(), secret: useId(), clientIdError: useId(), secretError: useId(), heading: useId() };
  const [clientId, setClientId] = useState('');
  const [secret, setSecret] = useState('');
  const [removeSecret, setRemoveSecret] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ clientId: string | null; secret: string | null }>({ clientId: null, secret: null });
  const [notice, setNotice] = useState('');
  const [checks, setChecks] = useState<Check[] | null>(null);
  const loadedClientId = useRef(false);
  const redirectRef = useRef<HTMLElement>(null);

  // Fill the field once with the saved client id (not a secret); later reloads leave typing alone.
  useEffect(() => {
    if (details && !loadedClientId.current) {
      loadedClientId.current = true;
      setClientId(details.clientId ?? '');
    }
  }, [details]);

  const confidential = details?.clientType === 'confidential';
  const signedIn = details?.state === 'signed-in';

  async function save(event: FormEvent) {
    event.preventDefault();
    const idProblem = firstIssue(clientIdSchema.safeParse(clientId));
    const secretProblem = firstIssue(clientSecretSchema.safeParse(secret));
    setFieldErrors({ clientId: idProblem, secret: secretProblem });
    if (idProblem || secretProblem) return;
    const saved = await run('save', () =>
      sendMessage('auth.configure', {
        clientId: clientId.trim(),
        clientSecret: secret.trim() || undefined,
        keepSecret: !removeSecret,
      }),
    );
    if (saved) {
      setSecret('');
      setRemoveSecret(false);
      setNotice('API key saved.');
    }
  }

  async function copyRedirect() {
    if (!details) return;
    try {
      await navigator.clipboard.writeText(details.redirectUri);
      setNotice('Callback URL copied.');
    } catch {
      // Clipboard access can be refused; selecting the text lets the user copy it by hand.
      if (redirectRef.current) window.getSelection()?.selectAllChildren(redirectRef.current);
      setNotice('Could not copy automatically: the address is selected, press Ctrl+C (⌘C on a Mac).');
    }
  }

  async function testConnection() {
    setChecks(null);
    setError(null);
    try {
      const report = await sendMessage('auth.testConnection', {});
      setChecks(report.checks);
    } catch (caught) {
      setError(messageOf(caught));
    }
  }

  return (
    <section className="loupe-account" aria-labelledby={ids.heading} data-testid="account-setup">
      <h2 id={ids.heading}>Upwork account</h2>
      <p>
        Loupe reads Upwork’s data with <em>your own</em> API key, so nothing goes through anyone else’s servers. Request a key in Upwork’s
        API Center, set its callback URL to the address below, then enter its client id (and secret, if it has one) here.
      </p>

      <p>
        <strong>Callback URL</strong>{' '}
        <code ref={redirectRef} data-testid="redirect-uri" style={{ userSelect: 'all', wordBreak: 'break-all' }}>
          {details?.redirectUri ?? '…'}
        </code>{' '}
        <button type="button" data-testid="copy-redirect-uri" onClick={copyRedirect} disabled={!details}>
          Copy
        </button>
      </p>

      <form onSubmit={save} noValidate>
        <p>
          <label htmlFor={ids.clientId}>Client id (the key)</label>
          <br />
          <input
            id={ids.clientId}
            data-testid="client-id-input"
            value={clientId}
            onChange={(event) => setClientId(event.currentTarget.value)}
            autoComplete="off"
            spellCheck={false}
            size={40}
            {...pointedAt(fieldErrors.clientId, ids.clientIdError)}
          />
          <FieldError id={ids.clientIdError} testId="client-id-error" message={fieldErrors.clientId} />
        </p>
        <p>
          <label htmlFor={ids.secret}>Client secret {confidential ? '(saved)' : '(if your key has one)'}</label>
          <br />
          <input
            id={ids.secret}
            type="password"
            data-testid="client-secret-input"
            value={secret}
            onChange={(event) => setSecret(event.currentTarget.value)}
            autoComplete="off"
            size={40}
            placeholder={confidential ? 'Leave blank to keep the saved secret' : ''}
            {...pointedAt(fieldErrors.secret, ids.secretError)}
          />
          <FieldError id={ids.secretError} testId="client-secret-error" message={fieldErrors.secret} />
          {confidential && (
            <label style={{ display: 'block' }}>
              <input
                type="checkbox"
                data-testid="remove-secret"
                checked={removeSecret}
                onChange={(event) => setRemoveSecret(event.currentTarget.checked)}
              />{' '}
              Remove the saved secret
            </label>
          )}
        </p>
        <button type="submit" data-testid="save-credentials" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save API key'}
        </button>
      </form>

      <p role="status" data-testid="auth-notice">
        {notice}
      </p>

      <div className="loupe-account-status">
        <p role="status" data-testid="auth-state" data-state={details?.state ?? 'loading'}>
          {accountLine(details)}{' '}
          {signedIn && details?.account && (
            <strong data-testid="account-name">
              {details.account.name}
              {details.account.email ? ` (${details.account.email})` : ''}
            </strong>
          )}
        </p>
        <SignedInOrganizationPicker auth={auth} />
        <p>
          {!signedIn && <SignInButton auth={auth} unavailable={!details || details.state === 'not-configured'} />}
          {signedIn && <SignOutButton auth={auth} />}{' '}
          <button
            type="button"
            data-testid="test-connection"
            disabled={busy !== null || details?.state === 'not-configured'}
            onClick={testConnection}
          >
            Test connection
          </button>
        </p>
        {signedIn && (
          <p style={{ color: 'var(--loupe-muted)' }}>
            Signing out forgets the sign-in and Loupe’s cached Upwork data for this account; notes and settings stay.
          </p>
        )}
        <AccountError message={error} />
        {checks && (
          <ul data-testid="connection-results" aria-label="Connection test results">
            {checks.map((check) => (
              <li key={check.check} data-outcome={check.outcome}>
                {check.outcome === 'passed' ? '✓' : check.outcome === 'failed' ? '✗' : '–'} {CHECK_NAMES[check.check] ?? check.check}:{' '}
                {check.message}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
