import { browser } from 'wxt/browser';
import { AccountError, accountLine, SignedInOrganizationPicker, SignInButton, SignOutButton, useAuthDetails } from '../common/AccountData';

/** Who Loupe is signed in as, and as which organization, with sign-in and sign-out at hand. */
export function AccountPanel() {
  const auth = useAuthDetails();
  const { details, error, busy } = auth;
  const signedIn = details?.state === 'signed-in';

  return (
    <section className="loupe-account-panel" aria-labelledby="loupe-popup-account" data-testid="account-panel">
      <h2 id="loupe-popup-account">Upwork account</h2>
      <p role="status" data-testid="auth-state" data-state={details?.state ?? 'loading'}>
        {accountLine(details)} {signedIn && details?.account && <strong data-testid="account-name">{details.account.name}</strong>}
      </p>
      <SignedInOrganizationPicker auth={auth} />
      <p>
        {details?.state === 'not-configured' && (
          <button type="button" data-testid="open-account-options" onClick={() => void browser.runtime.openOptionsPage()}>
            Add your API key in options
          </button>
        )}
        {details?.state === 'signed-out' && <SignInButton auth={auth} />}
        {signedIn && <SignOutButton auth={auth} />}
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
