import { createGraphQLClient, type FetchLike, type SentRequest } from '../../upwork/api/client';
import { meOperation } from '../../upwork/api/operations';
import { parseMe } from '../../upwork/api/parse-me';
import { fixedTokenSource } from '../../upwork/api/token-source';
import type { Account } from '../../upwork/model';

/**
 * The `Me` call made during sign-in, before the account exists (the worker sends it through the
 * request queue: see requests.ts). Upwork's `organization` is the default one the token acts as;
 * Loupe records it as the active organization so the popup can name it.
 */
export function lookUpAccount(fetch: FetchLike, onSent?: (sent: SentRequest) => void) {
  return async (accessToken: string): Promise<Account> => {
    const client = createGraphQLClient({ fetch, tokens: fixedTokenSource(accessToken), ...(onSent ? { onSent } : {}) });
    const result = await client.execute(meOperation(), { requestedBy: ['account'] });
    const organization = result.data?.organization as { id?: unknown } | null | undefined;
    const defaultOrganizationId = typeof organization?.id === 'string' ? organization.id.slice(0, 64) : null;
    return parseMe(result.data, result.tenantId ?? defaultOrganizationId);
  };
}
