import { browser } from 'wxt/browser';
import { CopyField } from '../common/CopyField';

/** Upwork's form for a new API key. */
export const API_CENTER_APPLY = 'https://www.upwork.com/developer/keys/apply';

/** The scopes to tick on the key, as Upwork's API Center names them. */
export const SCOPES_TO_TICK = [
  { name: 'Common Entities – Read-Only Access', id: 'pub-commons:read:all', why: 'who you are, for sign-in (always needed)' },
  {
    name: 'Read marketplace Job Postings',
    id: 'pub-marketplace-job-postings:read:all',
    why: 'client stats on job lists, job pages, alerts',
  },
  { name: 'Read freelancer profiles', id: 'pub-freelancer-profiles:read:all', why: 'track records on freelancer profiles' },
] as const;

/** Chrome: https://<extension id>.chromiumapp.org/ ; Firefox: its own identity address. */
function redirectUrl(): string {
  try {
    return browser.identity.getRedirectURL();
  } catch {
    return '';
  }
}

/** Step 1: what Upwork asks, where to apply, what to fill in, and how long it takes. */
export function KeyGuide() {
  return (
    <>
      <p>
        Loupe reads Upwork’s data with <strong>your own</strong> API key. Upwork gives keys to people, by hand, so this step takes a little
        patience; you do it once.
      </p>
      <ol className="loupe-substeps">
        <li>
          <strong>Get your Upwork account ready.</strong> Upwork reviews each request and asks for a verified identity: your real name, full
          address (with apartment number), a profile photo, a verified payment method and Upwork’s identity verification.
        </li>
        <li>
          <strong>Apply for a key</strong> in Upwork’s API Center:{' '}
          <a href={API_CENTER_APPLY} target="_blank" rel="noreferrer" data-testid="apply-link">
            Apply for an API key
          </a>
          . Give it a title of your own without the word “Upwork” (Upwork refuses titles that use its name), and describe your own use
          plainly, for example “A browser extension for my own job search on Upwork’s pages, with my own key”. Keys are for non-commercial
          use; requests that read as scraping, research or testing are refused.
        </li>
        <li>
          <strong>Set the callback URL</strong> of the key to exactly this address:
          <CopyField label="Callback URL" value={redirectUrl()} testId="welcome-redirect-uri" />
        </li>
        <li>
          <strong>Tick these scopes</strong> on the key:
          <ul className="loupe-scopes">
            {SCOPES_TO_TICK.map((scope) => (
              <li key={scope.id}>
                {scope.name} <code>{scope.id}</code> <span className="loupe-quiet">— {scope.why}</span>
              </li>
            ))}
          </ul>
        </li>
        <li>
          <strong>Wait for approval.</strong> Upwork usually answers within about two weeks, by e-mail. The key then appears in the API
          Center with its client id (“Key”) and, for some keys, a secret.
        </li>
      </ol>
    </>
  );
}
