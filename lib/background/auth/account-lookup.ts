import { createGraphQLClient, type FetchLike } from '../../upwork/api/client';
import { ApiError } from '../../upwork/api/errors';
import { meOperation } from '../../upwork/api/operations';
import { parseMe } from '../../upwork/api/parse-me';
import type { TokenSource } from '../../upwork/api/token-source';
import type { Account } from '../../upwork/model';

/** A token that is not saved yet: sign-in asks who it belongs to before keeping it. */
function tokenInHand(accessToken: string): TokenSource {
  return {
    getAccessToken: async () => accessToken,
    refreshAfterUnauthorized: async () => {
      throw new ApiError('unauthorized', 'Upwork did not accept the new sign-in. Sign in again.');
    },
    getTenantId: async () => null,
    getAccountKey: async () => null,
  };
}

/**
 * The `Me` call made during sign-in: one request, before the account exists (so before any
 * per-account budget does). Upwork's `organization` is the default one the token acts as; Loupe
 * records it as the active organization so the popup can name it.
 */
export function lookUpAccount(fetch: FetchLike) {
  return async (accessToken: string): Promise<Account> => {
    const result = await createGraphQLClient({ fetch, tokens: tokenInHand(accessToken) }).execute(meOperation());
    const organization = result.data?.organization as { id?: unknown } | null | undefined;
    const defaultOrganizationId = typeof organization?.id === 'string' ? organization.id.slice(0, 64) : null;
    return parseMe(result.data, result.tenantId ?? defaultOrganizationId);
  };
}
