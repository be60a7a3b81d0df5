import { browser } from 'wxt/browser';
import { sendMessage } from '../../lib/messaging/client';
import { AccountError, accountLine, OrganizationPicker, useAuthDetails } from '../options/AccountData';

/** Who Loupe is signed in as, and as which organization, with sign-in and sign-out at hand. */
export function AccountPanel() {
  const { details, error, busy, run } = useAuthDetails();
  const signedIn = details?.state === 'signed-in';

  return (
    <section className="loupe-account-panel" aria-label="Upwork account" data-testid="account-panel">
      <p role="status" data-testid="auth-state" data-state={details?.state ?? 'loading'}>
        {accountLine(details)} {signedIn && details?.account && <strong data-testid="account-name">{details.account.name}</strong>}
      </p>
      {details && signedIn && (
        <OrganizationPicker
          details={details}
          disabled={busy !== null}
          onSelect={(organizationId) => run('organization', () => sendMessage('auth.selectOrganization', { organizationId }))}
        />
      )}
      <p>
        {details?.state === 'not-configured' && (
          <button type="button" data-testid="open-account-options" onClick={() => void browser.runtime.openOptionsPage()}>
            Add your API key in options
          </button>
        )}
        {details?.state === 'signed-out' && (
          <button
            type="button"
            data-testid="sign-in"
            disabled={busy !== null}
            onClick={() => run('sign-in', () => sendMessage('auth.signIn', {}))}
          >
            {busy === 'sign-in' ? 'Waiting for Upwork…' : 'Sign in with Upwork'}
          </button>
        )}
        {signedIn && (
          <button
            type="button"
            data-testid="sign-out"
            disabled={busy !== null}
            onClick={() => run('sign-out', () => sendMessage('auth.signOut', {}))}
          >
            Sign out
          </button>
        )}
      </p>
      {busy === 'sign-in' && (
        <p style={{ color: 'var(--loupe-muted)' }}>
          Finish in Upwork’s window. If this popup closes, reopen it afterwards to see the result.
        </p>
      )}
      <AccountError message={error} />
    </section>
  );
}
