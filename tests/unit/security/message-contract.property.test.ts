import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sendMessage } from '../../../lib/messaging/client';
import { contract, envelopeSchema, type MessageType, replySchema } from '../../../lib/messaging/contract';
import type { SenderKind } from '../../../lib/messaging/define';
import { errorCodeSchema } from '../../../lib/messaging/error-codes';
import { LoupeError } from '../../../lib/messaging/errors';
import { createRouter, type HandlerContext, type Handlers } from '../../../lib/messaging/router';
import { classifySender, type SenderInfo } from '../../../lib/messaging/sender';
import { validExamples } from './examples';
import { at, identity, OWN_ID, OWN_ORIGIN, objectPaths } from './support';

/**
 * Arbitrary messages from arbitrary senders never reach a handler unless the sender may
 * send that message and the message has exactly the contract's shape; the router never throws and
 * always answers in the reply format; no handler can leak a field the contract does not name.
 */

const OTHER_ID = 'abcdefghijklmnopabcdefghijklmnop';
const TYPES = Object.keys(contract) as MessageType[];

/**
 * Valid requests per message: derived from each request schema (examples.ts), plus a few written
 * by hand. A message for which neither yields a valid request fails the first test below.
 */
const HAND_SAMPLES: Partial<Record<MessageType, unknown[]>> = {
  ping: [{ from: 'content' }, { from: 'options' }],
  'jobs.forTiles': [{ ids: ['1', '2'], query: { q: 'react', offset: 10, pageSize: 10 } }],
  'power.export': [{ fileName: 'loupe-jobs-2026-11-29.csv', text: 'Job id\r\n1' }],
  'page.reportHealth': [
    { page: 'job-search', url: 'https://www.upwork.com/nx/search/jobs/', landmarks: { jobTile: true }, disabledFeatures: [] },
  ],
};

const samples = new Map<MessageType, unknown[]>(TYPES.map((type) => [type, validExamples(contract[type].request, HAND_SAMPLES[type])]));

function samplesOf(type: MessageType): unknown[] {
  return samples.get(type) ?? [];
}

const POPUP: SenderInfo = { id: OWN_ID, url: `${OWN_ORIGIN}popup.html` };
const OPTIONS: SenderInfo = { id: OWN_ID, url: `${OWN_ORIGIN}options.html#account` };
const CONTENT: SenderInfo = { id: OWN_ID, url: 'https://www.upwork.com/nx/search/jobs/?q=react', tab: { id: 7 } };

/** Senders that are not Loupe's own pages or its content script on www.upwork.com. */
const foreignSender: fc.Arbitrary<SenderInfo> = fc.oneof(
  fc.record({ id: fc.constant(OTHER_ID), url: fc.constantFrom(`chrome-extension://${OTHER_ID}/background.js`, `${OWN_ORIGIN}popup.html`) }),
  fc.record({
    id: fc.constant(OWN_ID),
    url: fc.constantFrom(
      'https://www.upwork.com.evil.example/nx/search/jobs/',
      'https://www.upwork.com@evil.example/',
      'https://evil.example/https://www.upwork.com/',
      'http://www.upwork.com/nx/search/jobs/',
      'https://upwork.com/',
      'https://api.upwork.com/graphql',
      `chrome-extension://${OTHER_ID}/popup.html`,
      'about:blank',
      'data:text/html,<b>x</b>',
    ),
    tab: fc.constant({ id: 3 }),
  }),
  fc.record({ url: fc.constant(`${OWN_ORIGIN}popup.html`) }),
  fc.record({ id: fc.constant(OWN_ID) }),
  fc.record({ id: fc.string({ maxLength: 40 }), url: fc.webUrl(), tab: fc.option(fc.record({ id: fc.integer() }), { nil: undefined }) }),
);

const ownSender = fc.constantFrom(POPUP, OPTIONS, CONTENT);
const anySender = fc.oneof(ownSender, foreignSender);

const awkwardType = fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'auth.getToken', '', ' ping');

/** Messages of every shape: junk, near-misses of the envelope, valid envelopes with junk payloads, and valid messages. */
const message: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  fc.record({ loupe: fc.constantFrom(1, 2, '1', true), type: fc.oneof(fc.constantFrom(...TYPES), awkwardType), payload: fc.anything() }),
  fc.record({ loupe: fc.constant(1), type: fc.constantFrom(...TYPES), payload: fc.anything() }),
  fc.constantFrom(...TYPES.flatMap((type) => samplesOf(type).map((payload) => ({ loupe: 1, type, payload })))).chain((valid) =>
    fc.oneof(
      fc.constant(valid),
      // The same message with one field too many, in the envelope or the payload.
      fc
        .record({ key: fc.string({ minLength: 1, maxLength: 12 }), value: fc.anything() })
        .map(({ key, value }) => ({ ...valid, [key]: value })),
      fc
        .record({ key: fc.string({ minLength: 1, maxLength: 12 }), value: fc.anything() })
        .map(({ key, value }) => ({ ...valid, payload: { ...(valid.payload as object), [key]: value } })),
    ),
  ),
);

interface Call {
  type: MessageType;
  request: unknown;
  context: HandlerContext;
}

/** A handler for every message that records its calls and answers with `answer(type)`. */
function recordingHandlers(answer: (type: MessageType) => unknown): { handlers: Handlers; calls: Call[] } {
  const calls: Call[] = [];
  const handlers: Record<string, (request: unknown, context: HandlerContext) => unknown> = {};
  for (const type of TYPES) {
    handlers[type] = (request, context) => {
      calls.push({ type, request, context });
      return answer(type);
    };
  }
  return { handlers: handlers as Handlers, calls };
}

function allowed(type: MessageType, kind: SenderKind | undefined): boolean {
  return kind !== undefined && (contract[type].from as readonly SenderKind[]).includes(kind);
}

describe('message contract fuzzing', () => {
  it('has a valid sample for every message, so the fuzzing reaches every handler', () => {
    const uncovered = TYPES.filter((type) => samplesOf(type).length === 0);
    expect(uncovered, 'add a valid request for these messages to HAND_SAMPLES').toEqual([]);
    for (const type of TYPES) {
      for (const sample of samplesOf(type)) expect(contract[type].request.safeParse(sample).success, `${type} sample`).toBe(true);
    }
  });

  it('is strict everywhere: an unknown field at any depth of any request or answer is refused', () => {
    const loose: string[] = [];
    for (const type of TYPES) {
      for (const side of ['request', 'response'] as const) {
        const schema = contract[type][side];
        for (const example of validExamples(schema)) {
          for (const path of objectPaths(example)) {
            const tampered = structuredClone(example);
            at(tampered, path).loupeExtraField = 'x';
            if (schema.safeParse(tampered).success) loose.push(`${type} ${side} at ${path.join('.') || '(top)'}`);
          }
        }
      }
    }
    expect(loose).toEqual([]);
    // The walk does find objects to tamper with.
    expect(validExamples(contract['jobs.forTiles'].request).flatMap((example) => objectPaths(example)).length).toBeGreaterThan(1);
  });

  it('never throws, always answers in the reply format, and runs a handler only for a valid message from an allowed sender', async () => {
    await fc.assert(
      fc.asyncProperty(message, anySender, async (raw, sender) => {
        const { handlers, calls } = recordingHandlers(() => undefined);
        const route = createRouter(handlers, identity);
        const reply = await route(raw, sender);

        expect(replySchema.safeParse(reply).success).toBe(true);
        if (!reply.ok) {
          expect(errorCodeSchema.safeParse(reply.error.code).success).toBe(true);
          expect(reply.error.message.length).toBeGreaterThan(10);
          expect(reply.error.message.length).toBeLessThan(400);
        }
        expect(calls.length).toBeLessThanOrEqual(1);
        const envelope = envelopeSchema.safeParse(raw);
        const type = envelope.success ? envelope.data.type : undefined;
        const known = type !== undefined && Object.hasOwn(contract, type);
        const kind = classifySender(sender, OWN_ID, OWN_ORIGIN);
        const valid =
          envelope.success &&
          known &&
          allowed(type as MessageType, kind) &&
          contract[type as MessageType].request.safeParse(envelope.data.payload).success;
        expect(calls.length).toBe(valid ? 1 : 0);
        const call = calls[0];
        if (call) {
          // The handler sees the parsed request (never the raw payload object) and the checked sender kind.
          expect(call.type).toBe(type);
          expect(call.request).toEqual(contract[call.type].request.parse((raw as { payload: unknown }).payload));
          expect(call.context.sender).toBe(kind);
          expect(sender.id).toBe(OWN_ID);
        }
        if (!valid) expect(reply.ok).toBe(false);
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses every message from a foreign sender, whatever it says', async () => {
    await fc.assert(
      fc.asyncProperty(message, foreignSender, async (raw, sender) => {
        const { handlers, calls } = recordingHandlers(() => undefined);
        const reply = await createRouter(handlers, identity)(raw, sender);
        expect(calls).toHaveLength(0);
        expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
      }),
      { numRuns: 500 },
    );
  });

  it('runs every valid sample from every allowed sender, and refuses it from the other kind', async () => {
    for (const type of TYPES) {
      for (const payload of samplesOf(type)) {
        for (const [kind, sender] of [
          ['extension-page', POPUP],
          ['content-script', CONTENT],
        ] as const) {
          const { handlers, calls } = recordingHandlers(() => undefined);
          const reply = await createRouter(handlers, identity)({ loupe: 1, type, payload }, sender);
          if (allowed(type, kind)) expect(calls, `${type} from ${kind}`).toHaveLength(1);
          else {
            expect(calls, `${type} from ${kind}`).toHaveLength(0);
            expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
          }
        }
      }
    }
  });

  it('never lets a handler answer with a field the contract does not name', async () => {
    const SECRET = 'planted-refresh-token-7f3a';
    const leakyAnswer = fc.oneof(
      fc.anything().map((value) => ({ value, accessToken: SECRET })),
      fc.dictionary(fc.string({ maxLength: 10 }), fc.anything()).map((record) => ({ ...record, refresh_token: SECRET })),
      fc.constant({ pong: true, version: '1', receivedFrom: 'popup', clientSecret: SECRET }),
      fc.constant({ state: 'signed-in', accountName: 'A', organizationName: null, lastError: null, token: SECRET }),
      fc.constant({ job: null, token: SECRET }),
      fc.constant({ ok: true, secret: SECRET }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...TYPES), leakyAnswer, ownSender, async (type, answer, sender) => {
        const payload = samplesOf(type)[0];
        const { handlers } = recordingHandlers(() => answer);
        const reply = await createRouter(handlers, identity)({ loupe: 1, type, payload }, sender);
        expect(JSON.stringify(reply)).not.toContain(SECRET);
      }),
      { numRuns: 400 },
    );
  });

  it('turns any thrown value into a plain error reply', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), fc.boolean(), async (thrown, async) => {
        const handlers = {
          ping: () => {
            if (async) return Promise.reject(thrown);
            throw thrown;
          },
        } as Handlers;
        const reply = await createRouter(handlers, identity)({ loupe: 1, type: 'ping', payload: { from: 'popup' } }, POPUP);
        expect(replySchema.safeParse(reply).success).toBe(true);
        expect(reply.ok).toBe(false);
      }),
      {
        numRuns: 300,
        // Values String() cannot describe, which fuzzing finds only now and then.
        examples: [
          [{ toString: [] }, false],
          [Object.create(null), true],
          [
            {
              [Symbol.toPrimitive]: () => {
                throw new Error('no');
              },
            },
            false,
          ],
        ],
      },
    );
  });
});

describe('the client side of the contract', () => {
  it('never hands a caller an answer the contract does not allow', async () => {
    const answers = fc.oneof(
      fc.anything(),
      fc.record({ ok: fc.constant(true), data: fc.anything() }),
      fc.record({
        ok: fc.constant(false),
        error: fc.record({
          code: fc.oneof(fc.string(), errorCodeSchema.options.length ? fc.constantFrom(...errorCodeSchema.options) : fc.string()),
          message: fc.oneof(fc.string(), fc.anything()),
        }),
      }),
      fc.constant({ ok: true, data: { pong: true, version: '1.0.0', receivedFrom: 'popup', token: 'x' } }),
      fc.constant({ ok: true, data: { pong: true, version: '1.0.0', receivedFrom: 'popup' } }),
    );
    await fc.assert(
      fc.asyncProperty(answers, async (answer) => {
        fakeBrowser.runtime.sendMessage = (async () => answer) as typeof fakeBrowser.runtime.sendMessage;
        try {
          const data = await sendMessage('ping', { from: 'popup' });
          expect(contract.ping.response.safeParse(data).success).toBe(true);
          expect(Object.keys(data).sort()).toEqual(['pong', 'receivedFrom', 'version']);
        } catch (error) {
          // Anything else is a LoupeError: the worker's own plain words, or Loupe's, never a raw parse error.
          expect(error).toBeInstanceOf(LoupeError);
          const reply = replySchema.safeParse(answer);
          if (reply.success && !reply.data.ok) expect((error as LoupeError).message).toBe(reply.data.error.message);
          else expect((error as LoupeError).message).toMatch(/^Loupe’s background worker sent an answer Loupe could not read\.$/);
        }
      }),
      { numRuns: 400 },
    );
  });
});
