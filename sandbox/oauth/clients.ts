import type { Dataset, OAuthClientRecord } from '../data/schema';

/** Chrome's identity API: https://<32 letters a-p>.chromiumapp.org/… */
const CHROME_REDIRECT = /^https:\/\/[a-p]{32}\.chromiumapp\.org(\/[^\s#]*)?$/;
/** Firefox's identity API: https://<uuid or any label>.extensions.allizom.org/… */
const FIREFOX_REDIRECT = /^https:\/\/[a-z0-9-]{1,63}\.extensions\.allizom\.org(\/[^\s#]*)?$/;

export function findClient(dataset: Dataset, clientId: string | null | undefined): OAuthClientRecord | undefined {
  return clientId ? dataset.oauthClients.find((c) => c.clientId === clientId) : undefined;
}

/** Exact match against the registered URIs, or an extension callback for clients that accept them. */
export function redirectAllowed(client: OAuthClientRecord, uri: string): boolean {
  if (client.redirectUris.includes(uri)) return true;
  return client.acceptExtensionRedirects && (CHROME_REDIRECT.test(uri) || FIREFOX_REDIRECT.test(uri));
}
