import { createStore } from 'idb-keyval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiService } from '../../../lib/background/api-service';
import { createResponseCache } from '../../../lib/background/cache';
import { createRequestQueue, memoryQueueStorage } from '../../../lib/background/queue';
import { contract, type MessageType } from '../../../lib/messaging/contract';
import type { SenderKind } from '../../../lib/messaging/define';
import { createGraphQLClient } from '../../../lib/upwork/api/client';
import type { TokenSource } from '../../../lib/upwork/api/token-source';
import { type Sandbox, startSandbox } from '../../../sandbox/server';
import { DEMO_KEY, fetchFor, SECRET_KEY_WITHOUT_PROFILES, sandboxTokens } from '../../../testkit/sandbox-auth';

/**
 * A content script (which a hostile page could subvert) can ask for no token, no client
 * secret and no other account's data. What it may send names no account, organization or
 * credential, what it gets back holds none, and the worker's answers are kept per account.
 */

/** Every property name anywhere in a JSON schema. */
function propertyNames(schema: unknown, names = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) propertyNames(item, names);
  else if (schema && typeof schema === 'object') {
    const record = schema as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') for (const name of Object.keys(record.properties)) names.add(name);
    for (const value of Object.values(record)) propertyNames(value, names);
  }
  return names;
}

const contentMessages = (Object.keys(contract) as MessageType[]).filter((type) =>
  (contract[type].from as readonly SenderKind[]).includes('content-script'),
);

function fieldsOf(type: MessageType, side: 'request' | 'response'): string[] {
  const schema = z.toJSONSchema(contract[type][side], { io: side === 'request' ? 'input' : 'output', unrepresentable: 'any' });
  return [...propertyNames(schema)];
}

describe('what a content script may say and hear', () => {
  it('has messages at all (the checks below are not vacuous)', () => {
    expect(contentMessages).toEqual(expect.arrayContaining(['ping', 'auth.status', 'jobs.forTiles', 'jobs.detail', 'page.reportHealth']));
  });

  it('cannot name an account, organization or credential in any request', () => {
    const offenders = contentMessages.flatMap((type) =>
      fieldsOf(type, 'request')
        .filter((name) => /account|tenant|organi[sz]ation|token|secret|client_?id|password|cookie|user_?id/i.test(name))
        .map((name) => `${type}.${name}`),
    );
    expect(offenders).toEqual([]);
  });

  it('hears no credential, e-mail, account id or key setting in any answer', () => {
    const offenders = contentMessages.flatMap((type) =>
      fieldsOf(type, 'response')
        .filter((name) => /token|secret|password|email|client_?id|user_?id|redirect|organizations|tenant/i.test(name))
        .map((name) => `${type}.${name}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('answers are kept per account', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, autoApprove: true, quiet: true });
  });
  afterAll(() => sandbox.close());

  it('never serves one account’s cached Upwork data to another, and sign-out forgets it', async () => {
    const alice = await sandboxTokens(sandbox, DEMO_KEY);
    const bob = await sandboxTokens(sandbox, SECRET_KEY_WITHOUT_PROFILES);
    let current = alice.source;
    // The worker's sign-in is one TokenSource whose account changes when someone else signs in.
    const tokens: TokenSource = {
      getAccessToken: () => current.getAccessToken(),
      refreshAfterUnauthorized: (failed) => current.refreshAfterUnauthorized(failed),
      getTenantId: () => current.getTenantId(),
      getAccountKey: () => current.getAccountKey(),
    };
    const cache = createResponseCache({ store: createStore('loupe-security-accounts', 'entries'), setTimer: () => undefined });
    const service = createApiService({
      client: createGraphQLClient({ fetch: fetchFor(sandbox), tokens }),
      queue: (accountKey) => createRequestQueue({ accountKey, storage: memoryQueueStorage() }),
      cache,
      tokens,
    });
    const id = sandbox.dataset.jobs[0]?.id as string;
    const clients = () => sandbox.requestLog.filter((entry) => entry.path === '/graphql').map((entry) => entry.clientId);

    sandbox.clearLog();
    expect((await service.jobDetail(id))?.id).toBe(id);
    expect(clients()).toEqual([DEMO_KEY.clientId]);

    current = bob.source;
    sandbox.clearLog();
    expect((await service.jobDetail(id))?.id).toBe(id);
    expect(clients(), 'the second account asks Upwork itself').toEqual([SECRET_KEY_WITHOUT_PROFILES.clientId]);

    current = alice.source;
    sandbox.clearLog();
    await service.jobDetail(id);
    expect(clients(), 'the first account still has its own answer').toEqual([]);

    await service.clearAccount((await alice.source.getAccountKey()) as string);
    sandbox.clearLog();
    await service.jobDetail(id);
    expect(clients(), 'signed out: that account’s answers are gone').toEqual([DEMO_KEY.clientId]);
  });
});
