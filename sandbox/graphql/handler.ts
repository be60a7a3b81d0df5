import {
  type DocumentNode,
  execute,
  type GraphQLError,
  getOperationAST,
  Kind,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { z } from 'zod';
import { clientIp, hostOf, type Req, type Res, readBody, send, sleep } from '../http';
import { logRequest, type SandboxState } from '../state';
import type { ResolverContext } from './context';
import { applySchemaDrift } from './drift';
import { rootValue } from './resolvers';
import { upworkSchema } from './schema';
import { deniedCoordinates, fragmentsOf, topLevelFields, usesIntrospection } from './scopes';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'authorization, content-type, x-upwork-api-tenantid',
  'access-control-expose-headers': 'retry-after',
};

const bodySchema = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

type Outcome = { status: number; body: string; headers?: Record<string, string> };

const json = (status: number, value: unknown, headers?: Record<string, string>): Outcome => ({
  status,
  body: JSON.stringify(value),
  headers,
});
const errorBody = (message: string, classification: string, extra: object = {}) => ({
  errors: [{ message, ...extra, extensions: { classification } }],
});

/** graphql-java's classification on every error, as Upwork sends it. */
function classify(errors: readonly GraphQLError[], fallback: string) {
  return errors.map((e) => {
    const out = e.toJSON();
    return { ...out, extensions: { classification: fallback, ...(out.extensions ?? {}) } };
  });
}

interface LogFields {
  clientId: string | null;
  userId: string | null;
  tenantId: string | null;
  operationName: string | null;
  aliasCount: number;
}

/** True with probability `rate`; rates of exactly 0 or 1 draw nothing, so they never disturb the sequence. */
function draw(state: SandboxState, rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return state.faultRandom() < rate;
}

function tooMany(state: SandboxState, message: string): Outcome {
  const retry = state.faults.retryAfterSeconds;
  return json(429, { message }, retry === null ? undefined : { 'retry-after': String(retry) });
}

function serverError(state: SandboxState): Outcome {
  const status = [500, 502, 503][Math.floor(state.faultRandom() * 3)] ?? 500;
  if (status === 502)
    return { status, body: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'content-type': 'text/html' } };
  return json(status, { message: status === 500 ? 'Internal Server Error' : 'Service Unavailable' });
}

async function answer(state: SandboxState, req: Req, log: LogFields): Promise<Outcome> {
  if (req.method !== 'POST') return json(405, { message: 'Use POST for GraphQL requests' });
  if (!state.limiter.admitIp(clientIp(req))) return tooMany(state, 'Too Many Requests');
  if (Date.now() < state.faults.rateLimitUntil) return tooMany(state, 'Too Many Requests');

  const auth = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  if (!auth?.[1]) return json(401, { message: 'Authentication failed: send an Authorization: Bearer <access token> header' });
  const grant = state.oauth.checkAccessToken(auth[1]);
  if (grant === 'unknown') return json(401, { message: 'Authentication failed: the access token is not valid' });
  if (grant === 'expired') return json(401, { message: 'Authentication failed: the access token has expired' });
  log.clientId = grant.clientId;
  log.userId = grant.userId;
  const tenantHeader = req.headers['x-upwork-api-tenantid'];
  log.tenantId = typeof tenantHeader === 'string' && tenantHeader ? tenantHeader : null;

  if (!state.limiter.admitKey(grant.clientId)) {
    return tooMany(state, `Daily limit reached: this API key has made ${state.settings.dailyLimit} requests today`);
  }
  if (draw(state, state.faults.serverErrorRate)) return serverError(state);

  const parsed = bodySchema.safeParse(await readJsonLoose(req));
  if (!parsed.success) return json(400, { message: 'The request body must be JSON with a "query" string' });
  const { query, variables, operationName } = parsed.data;

  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return json(200, { errors: classify([error as GraphQLError], 'InvalidSyntax') });
  }
  const fragments = fragmentsOf(document.definitions);
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operations.some((op) => usesIntrospection(op, fragments))) {
    return json(200, errorBody('This request is not asking for introspection in good faith', 'ValidationError'));
  }
  const schema = upworkSchema();
  const invalid = validate(schema, document);
  if (invalid.length > 0) return json(200, { errors: classify(invalid, 'ValidationError') });
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return json(200, errorBody('Unknown operation, or several operations without an operationName', 'ValidationError'));
  log.operationName = operation.name?.value ?? operationName ?? null;
  log.aliasCount = topLevelFields(operation.selectionSet, fragments).length;

  const granted = new Set(grant.scopes.filter((s) => !state.faults.missingScopes.includes(s)));
  const denied = deniedCoordinates(schema, operation, fragments, granted);
  if (denied.length > 0) {
    const message = `The client or authentication token doesn't have enough oauth2 permissions/scopes to access: [${denied.join(', ')}]`;
    return json(200, { data: null, ...errorBody(message, 'ExecutionAborted') });
  }

  const orgs = state.dataset.user.organizations;
  const organization = log.tenantId === null ? orgs[0] : orgs.find((o) => o.id === log.tenantId);
  if (!organization) return json(200, { data: null, ...errorBody('Authorization failed', 'ExecutionAborted', { path: ['organization'] }) });

  const contextValue: ResolverContext = {
    dataset: state.dataset,
    startedAt: state.startedAt,
    organization,
    divergence: state.settings.searchDivergence,
    failSearchesFor: state.faults.failSearchesFor,
  };
  const result = await execute({
    schema,
    document,
    rootValue,
    contextValue,
    variableValues: variables ?? undefined,
    operationName: operationName ?? undefined,
  });
  const body: Record<string, unknown> = {};
  if (result.errors) body.errors = classify(result.errors, result.data === undefined ? 'ValidationError' : 'DataFetchingException');
  if (result.data !== undefined) body.data = applySchemaDrift(result.data, state.faults.schemaDrift);
  const text = JSON.stringify(body);
  // A truncated body, as when a proxy cuts a response short.
  if (draw(state, state.faults.malformedJsonRate)) return { status: 200, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
  return { status: 200, body: text };
}

async function readJsonLoose(req: Req): Promise<unknown> {
  try {
    return JSON.parse(await readBody(req));
  } catch {
    return null;
  }
}

/** POST https://api.upwork.com/graphql */
export async function handleGraphql(state: SandboxState, req: Req, res: Res): Promise<void> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...CORS, 'access-control-allow-methods': 'POST, OPTIONS', 'access-control-max-age': '600' });
    res.end();
    return;
  }
  const started = Date.now();
  const log: LogFields = { clientId: null, userId: null, tenantId: null, operationName: null, aliasCount: 0 };
  let outcome: Outcome;
  try {
    outcome = await answer(state, req, log);
  } catch (error) {
    if (!state.settings.quiet) console.error('[sandbox] GraphQL handler failed:', error);
    outcome = json(500, { message: 'Internal Server Error' });
  }
  if (state.faults.latencyMs > 0) await sleep(state.faults.latencyMs);
  send(res, outcome.status, outcome.body, 'application/json; charset=utf-8', { ...CORS, ...outcome.headers });
  logRequest(state, {
    at: started,
    ip: clientIp(req),
    host: hostOf(req),
    path: '/graphql',
    ...log,
    status: outcome.status,
    durationMs: Date.now() - started,
  });
  if (!state.settings.quiet)
    console.log(`[sandbox] ${outcome.status} graphql ${log.operationName ?? '-'} x${log.aliasCount} ${log.clientId ?? ''}`);
}
