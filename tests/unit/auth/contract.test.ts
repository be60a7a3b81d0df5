import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { authHandlers } from '../../../lib/background/handlers/auth';
import { contract } from '../../../lib/messaging/contract';
import { createRouter } from '../../../lib/messaging/router';
import { REDIRECT, signedIn } from './harness';

/** Every property name anywhere in a JSON schema, nested objects, arrays and unions included. */
function propertyNames(schema: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) propertyNames(item, names);
  } else if (schema && typeof schema === 'object') {
    const record = schema as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') {
      for (const name of Object.keys(record.properties)) names.add(name);
    }
    for (const value of Object.values(record)) propertyNames(value, names);
  }
  return names;
}

describe('the message contract', () => {
  it('has no response field anywhere named like a token or a secret', () => {
    const offenders: string[] = [];
    for (const [type, definition] of Object.entries(contract)) {
      const json = z.toJSONSchema(definition.response, { io: 'output', unrepresentable: 'any' });
      for (const name of propertyNames(json)) if (/token|secret/i.test(name)) offenders.push(`${type}.${name}`);
    }
    expect(offenders).toEqual([]);
    // The walk really sees nested fields: a token hidden in an optional array of unions is found.
    const planted = z.strictObject({ a: z.array(z.union([z.string(), z.strictObject({ refresh_token: z.string() })])).optional() });
    expect(propertyNames(z.toJSONSchema(planted, { io: 'output' })).has('refresh_token')).toBe(true);
    expect(propertyNames(z.toJSONSchema(contract['auth.details'].response, { io: 'output' })).has('typeTitle')).toBe(true);
  });

  it('lets content scripts ask only auth.status', () => {
    const contentAllowed = Object.entries(contract)
      .filter(([type, definition]) => type.startsWith('auth.') && (definition.from as readonly string[]).includes('content-script'))
      .map(([type]) => type);
    expect(contentAllowed).toEqual(['auth.status']);
  });
});

describe('the router in front of sign-in', () => {
  const identity = { id: 'loupe-test-id', origin: 'chrome-extension://loupe-test-id/' };
  const contentScript = { id: identity.id, url: 'https://www.upwork.com/nx/search/jobs/?q=react', tab: { id: 7 } };
  const popup = { id: identity.id, url: `${identity.origin}popup.html` };

  async function routed() {
    const context = await signedIn();
    const route = createRouter(authHandlers(context.auth), identity);
    const send = (type: string, payload: unknown, sender: typeof popup | typeof contentScript) =>
      route({ loupe: 1, type, payload }, sender);
    return { ...context, send };
  }

  it('refuses sign-in actions and made-up token requests from a content script', async () => {
    const { send } = await routed();
    for (const type of ['auth.signIn', 'auth.signOut', 'auth.details', 'auth.configure', 'auth.testConnection']) {
      const reply = await send(type, {}, contentScript);
      expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(await send('auth.getToken', {}, contentScript)).toMatchObject({ ok: false, error: { code: 'unknown-message' } });
    expect(await send('auth.status', {}, { ...contentScript, url: 'https://evil.example/' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });

  it('tells a content script only whether, and as whom, Loupe is signed in', async () => {
    const { send, auth } = await routed();
    const token = await auth.getAccessToken();
    const reply = await send('auth.status', {}, contentScript);
    expect(reply).toEqual({
      ok: true,
      data: { state: 'signed-in', accountName: 'Ada Lovelace', organizationName: 'Ada Lovelace', lastError: null },
    });
    expect(JSON.stringify(reply)).not.toContain(token);
  });

  it('never puts the token or the secret in any reply to the popup', async () => {
    const { send, auth, server } = await routed();
    const secretReply = await send('auth.configure', { clientId: 'loupe-secret', clientSecret: 's3cret-demo' }, popup);
    expect(secretReply).toMatchObject({ ok: true, data: { clientType: 'confidential', redirectUri: REDIRECT } });
    const signIn = await send('auth.signIn', {}, popup);
    expect(signIn).toMatchObject({ ok: true, data: { state: 'signed-in' } });
    const token = await auth.getAccessToken();
    const replies = [
      secretReply,
      signIn,
      await send('auth.details', {}, popup),
      await send('auth.status', {}, popup),
      await send('auth.redirectUri', {}, popup),
      await send('auth.selectOrganization', { organizationId: 'org-agency' }, popup),
      await send('auth.testConnection', {}, popup),
    ];
    const everything = JSON.stringify(replies);
    for (const secret of [token, 's3cret-demo', ...server.liveRefreshTokens()]) expect(everything).not.toContain(secret);
  });

  it('answers with plain words and a code when sign-in fails', async () => {
    const { send, server } = await routed();
    server.setDecision('deny');
    expect(await send('auth.signIn', {}, popup)).toMatchObject({
      ok: false,
      error: { code: 'signed-out', message: expect.stringMatching(/declined/) },
    });
    server.setDecision('close');
    expect(await send('auth.signIn', {}, popup)).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(await send('auth.configure', { clientId: 'has space' }, popup)).toMatchObject({
      ok: false,
      error: { code: 'bad-message', message: expect.stringMatching(/no spaces/) },
    });
  });
});
