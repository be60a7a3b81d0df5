import { z } from 'zod';
import { accountSchema } from '../../upwork/model';
import { defineMessages, message } from '../define';

/**
 * Sign-in messages. No response here carries a token or the client secret (a contract test checks
 * that no response schema has such a key), and the strict schemas drop anything else.
 */

/** Upwork's client ids are 32 hex characters in practice; the sandbox uses short names like `loupe-demo`. */
export const clientIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter the client id (the “Key” of your API key in Upwork’s API Center).')
  .regex(
    /^[A-Za-z0-9._-]{3,128}$/,
    'A client id is 3–128 letters, digits, dots, dashes or underscores, with no spaces (Upwork’s are 32 hex characters).',
  );

export const clientSecretSchema = z
  .string()
  .trim()
  .max(256, 'That secret is too long: copy only the “Secret” value from Upwork’s API Center.')
  .regex(/^[\x21-\x7e]*$/, 'A client secret has no spaces or special characters: copy only the “Secret” value from Upwork’s API Center.');

const plainText = z.string().max(1_000);

export const authStateSchema = z.enum(['not-configured', 'signed-out', 'signed-in']);

/** Everything extension pages need to draw the account UI. */
export const authDetailsSchema = z.lazy(() =>
  z.strictObject({
    state: authStateSchema,
    account: accountSchema.nullable(),
    lastError: plainText.nullable(),
    clientId: z.string().max(128).nullable(),
    clientType: z.enum(['public', 'confidential']).nullable(),
    redirectUri: z.string().max(500),
  }),
);
export type AuthDetails = z.infer<typeof authDetailsSchema>;

/** The little a content script may know: whether Loupe is signed in, and as whom. */
export const authSummarySchema = z.lazy(() =>
  z.strictObject({
    state: authStateSchema,
    accountName: z.string().max(2_000).nullable(),
    organizationName: z.string().max(2_000).nullable(),
    lastError: plainText.nullable(),
  }),
);
export type AuthSummary = z.infer<typeof authSummarySchema>;

export const connectionCheckSchema = z.lazy(() =>
  z.strictObject({
    check: z.enum(['token-endpoint', 'authorize-page', 'account', 'job-postings', 'freelancer-profiles']),
    outcome: z.enum(['passed', 'failed', 'skipped']),
    message: plainText,
  }),
);

const empty = z.strictObject({});

export const authMessages = defineMessages({
  'auth.status': message(['extension-page', 'content-script'], () => ({ request: empty, response: authSummarySchema })),
  'auth.details': message(['extension-page'], () => ({ request: empty, response: authDetailsSchema })),
  'auth.configure': message(['extension-page'], () => ({
    request: z.strictObject({
      clientId: clientIdSchema,
      clientSecret: clientSecretSchema.optional(),
      /** With no secret typed: keep the saved one (true) or make this a public client (false). */
      keepSecret: z.boolean().optional(),
    }),
    response: authDetailsSchema,
  })),
  'auth.redirectUri': message(['extension-page'], () => ({
    request: empty,
    response: z.strictObject({ redirectUri: z.string().max(500) }),
  })),
  'auth.signIn': message(['extension-page'], () => ({ request: empty, response: authDetailsSchema })),
  'auth.signOut': message(['extension-page'], () => ({ request: empty, response: authDetailsSchema })),
  'auth.selectOrganization': message(['extension-page'], () => ({
    request: z.strictObject({ organizationId: z.string().min(1).max(64).nullable() }),
    response: authDetailsSchema,
  })),
  'auth.testConnection': message(['extension-page'], () => ({
    request: empty,
    response: z.strictObject({ ok: z.boolean(), checks: z.array(connectionCheckSchema).max(10) }),
  })),
});
