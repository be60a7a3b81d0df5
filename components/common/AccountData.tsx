import { useCallback, useEffect, useId, useState } from 'react';
import { messageOf } from '../../lib/helpers/format';
import { sendMessage } from '../../lib/messaging/client';
import type { AuthDetails } from '../../lib/messaging/messages/auth';
import { askWorker } from './useWorker';

export type AccountAction = 'save' | 'sign-in' | 'sign-out' | 'organization' | 'test';

/**
 * The account as the worker sees it, shared by the options page and the popup. It reloads when the
 * page regains focus: sign-in happens in Upwork's own window, and may have finished meanwhile.
 */
export function useAuthDetails() {
  const [details, setDetails] = useState<AuthDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<AccountAction | null>(null);

  const reload = useCallback(() => askWorker('auth.details', {}, setDetails, setError), []);

  useEffect(() => {
    void reload();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    window.addEventListener('focus', onVisible);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', onVisible);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload]);

  /** Runs one action at a time; its answer becomes the new state, its error the error line. */
  const run = useCallback(
    async (action: AccountAction, work: () => Promise<AuthDetails>): Promise<boolean> => {
      setBusy(action);
      setError(null);
      try {
        setDetails(await work());
        return true;
      } catch (caught) {
        setError(messageOf(caught));
        await reload();
        return false;
      } finally {
        setBusy(null);
      }
    },
    [reload],
  );

  // The worker keeps the last failure (an expired sign-in, say); an action's own error comes first.
  const shownError = error ?? details?.lastError ?? null;
  return { details, error: shownError, busy, run, reload, setError };
}

export function accountLine(details: AuthDetails | null): string {
  if (!details) return 'Asking Loupe’s background worker…';
  if (details.state === 'not-configured') return 'No Upwork API key yet.';
  if (details.state === 'signed-out') return 'Not signed in to Upwork.';
  return 'Signed in to Upwork as';
}

/** Which organization Loupe acts as (sent to Upwork as the tenant); only the account's own are offered. */
export function OrganizationPicker(props: { details: AuthDetails; disabled: boolean; onSelect(organizationId: string | null): void }) {
  const id = useId();
  const account = props.details.account;
  if (!account || account.organizations.length === 0) return null;
  return (
    <p className="loupe-account-organization">
      <label htmlFor={id}>Acting as </label>
      <select
        id={id}
        data-testid="organization-select"
        value={account.activeOrganizationId ?? ''}
        disabled={props.disabled}
        onChange={(event) => props.onSelect(event.currentTarget.value || null)}
      >
        {account.activeOrganizationId === null && <option value="">Default organization</option>}
        {account.organizations.map((organization) => (
          <option key={organization.id} value={organization.id}>
            {organization.typeTitle ? `${organization.title} (${organization.typeTitle})` : organization.title}
          </option>
        ))}
      </select>
    </p>
  );
}

/** The error line: announced to screen readers, and empty (but present) when all is well. */
export function AccountError(props: { message: string | null }) {
  return (
    <p role="alert" data-testid="auth-error" className="loupe-account-error loupe-bad" style={{ minHeight: '1em' }}>
      {props.message ?? ''}
    </p>
  );
}

type AccountControls = Pick<ReturnType<typeof useAuthDetails>, 'details' | 'busy' | 'run'>;

/** The organization picker while signed in; choosing one is an account action like the others. */
export function SignedInOrganizationPicker(props: { auth: AccountControls }) {
  const { details, busy, run } = props.auth;
  if (details?.state !== 'signed-in') return null;
  return (
    <OrganizationPicker
      details={details}
      disabled={busy !== null}
      onSelect={(organizationId) => run('organization', () => sendMessage('auth.selectOrganization', { organizationId }))}
    />
  );
}

/** Starts sign-in in Upwork's window; `unavailable` adds the page's own reasons to wait (no key yet). */
export function SignInButton(props: { auth: AccountControls; unavailable?: boolean }) {
  const { busy, run } = props.auth;
  return (
    <button
      type="button"
      data-testid="sign-in"
      disabled={busy !== null || props.unavailable === true}
      onClick={() => run('sign-in', () => sendMessage('auth.signIn', {}))}
    >
      {busy === 'sign-in' ? 'Waiting for Upwork…' : 'Sign in with Upwork'}
    </button>
  );
}

/**
 * Upwork documents no way for an app to revoke its own tokens, so signing out
 * forgets them in Loupe and says where the user can end the access on Upwork's side too.
 */
export const SIGN_OUT_NOTE =
  'Signing out makes Loupe forget its Upwork tokens. Upwork offers apps no way to revoke them, so to end Loupe’s access on Upwork’s side too, remove Loupe from the apps you have authorized in your Upwork account settings, or delete or regenerate your API key in Upwork’s API Center (that ends every sign-in made with it).';

export function SignOutButton(props: { auth: AccountControls }) {
  const { busy, run } = props.auth;
  return (
    <>
      <button
        type="button"
        data-testid="sign-out"
        aria-describedby="loupe-sign-out-note"
        disabled={busy !== null}
        onClick={() => run('sign-out', () => sendMessage('auth.signOut', {}))}
      >
        Sign out
      </button>
      <small id="loupe-sign-out-note" data-testid="sign-out-note" style={{ display: 'block' }}>
        {SIGN_OUT_NOTE}
      </small>
    </>
  );
}
