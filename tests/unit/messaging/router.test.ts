import { describe, expect, it, vi } from 'vitest';
import { authErrors } from '../../../lib/background/auth/errors';
import { createRouter, type Handlers } from '../../../lib/messaging/router';

const OWN_ID = 'geenbgfjnpfpmhohiaicibhjcgpjmepd';
const OWN_ORIGIN = `chrome-extension://${OWN_ID}/`;
const popup = { id: OWN_ID, url: `${OWN_ORIGIN}popup.html` };
const contentScript = { id: OWN_ID, url: 'https://www.upwork.com/nx/search/jobs/?q=react', tab: { id: 7 } };

function routerWithSpy() {
  const ping = vi.fn((request: { from: string }) => ({ pong: true as const, version: '1.0.0', receivedFrom: request.from }));
  const route = createRouter({ ping } as Handlers, { id: OWN_ID, origin: OWN_ORIGIN });
  return { route, ping };
}

describe('message router', () => {
  it('answers a well-formed ping from the popup and from the content script', async () => {
    const { route } = routerWithSpy();
    await expect(route({ loupe: 1, type: 'ping', payload: { from: 'popup' } }, popup)).resolves.toEqual({
      ok: true,
      data: { pong: true, version: '1.0.0', receivedFrom: 'popup' },
    });
    await expect(route({ loupe: 1, type: 'ping', payload: { from: 'content' } }, contentScript)).resolves.toMatchObject({ ok: true });
  });

  it.each([
    ['another extension', { id: 'abcdefghijklmnopabcdefghijklmnop', url: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/x.html' }],
    ['our id from a foreign page', { id: OWN_ID, url: 'https://evil.example/', tab: { id: 3 } }],
    ['a sender with no id', { url: `${OWN_ORIGIN}popup.html` }],
    ['an upwork look-alike host', { id: OWN_ID, url: 'https://www.upwork.com.evil.example/', tab: { id: 3 } }],
  ])('refuses %s before any handler runs', async (_name, sender) => {
    const { route, ping } = routerWithSpy();
    const reply = await route({ loupe: 1, type: 'ping', payload: { from: 'popup' } }, sender);
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden-sender', message: expect.stringMatching(/only answers its own/) } });
    expect(ping).not.toHaveBeenCalled();
  });

  it.each([
    ['not an object', 'ping'],
    ['no envelope marker', { type: 'ping', payload: { from: 'popup' } }],
    ['extra envelope fields', { loupe: 1, type: 'ping', payload: { from: 'popup' }, token: 'x' }],
    ['wrong payload value', { loupe: 1, type: 'ping', payload: { from: 'attacker' } }],
    ['extra payload fields', { loupe: 1, type: 'ping', payload: { from: 'popup', extra: true } }],
    ['a prototype key as type', { loupe: 1, type: '__proto__', payload: {} }],
    ['an unknown type', { loupe: 1, type: 'auth.getToken', payload: {} }],
  ])('rejects a message with %s, with a clear error and no handler call', async (_name, message) => {
    const { route, ping } = routerWithSpy();
    const reply = await route(message, popup);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(['bad-message', 'unknown-message']).toContain(reply.error.code);
      expect(reply.error.message.length).toBeGreaterThan(10);
    }
    expect(ping).not.toHaveBeenCalled();
  });

  it('refuses an answer the contract does not allow, so nothing extra leaks out', async () => {
    const leaky = (() => ({ pong: true, version: '1', receivedFrom: 'popup', accessToken: 'secret' })) as never;
    const route = createRouter({ ping: leaky }, { id: OWN_ID, origin: OWN_ORIGIN });
    const reply = await route({ loupe: 1, type: 'ping', payload: { from: 'popup' } }, popup);
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(reply)).not.toContain('secret');
  });

  it('turns a throwing handler into a plain error reply', async () => {
    const route = createRouter(
      {
        ping: () => {
          throw new Error('boom');
        },
      },
      { id: OWN_ID, origin: OWN_ORIGIN },
    );
    await expect(route({ loupe: 1, type: 'ping', payload: { from: 'popup' } }, popup)).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'Something went wrong inside Loupe: boom' },
    });
  });

  it("keeps sign-in's own words and gives them the code the pages branch on", async () => {
    const route = createRouter(
      {
        'auth.signIn': () => {
          throw authErrors.windowClosed();
        },
      },
      { id: OWN_ID, origin: OWN_ORIGIN },
    );
    const reply = await route({ loupe: 1, type: 'auth.signIn', payload: {} }, popup);
    expect(reply).toEqual({ ok: false, error: { code: 'cancelled', message: authErrors.windowClosed().message } });
    expect((reply as { error: { message: string } }).error.message).not.toContain('inside Loupe');
  });
});
