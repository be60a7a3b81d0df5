import { describe, expect, it } from 'vitest';
import {
  base64url,
  codeChallengeS256,
  createCodeVerifier,
  createPkcePair,
  createState,
  statesMatch,
} from '../../../lib/background/auth/pkce';

describe('PKCE', () => {
  // RFC 7636, appendix B.
  const rfcOctets = [
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132,
    141, 121,
  ];

  it('matches the RFC 7636 appendix B test vector', async () => {
    const verifier = base64url(new Uint8Array(rfcOctets));
    expect(verifier).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(await codeChallengeS256(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43–128 unreserved characters, different every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const verifier = createCodeVerifier();
      expect(verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
      seen.add(verifier);
    }
    expect(seen.size).toBe(200);
    expect(createCodeVerifier(32)).toHaveLength(43);
    expect(createCodeVerifier(96)).toHaveLength(128);
    expect(() => createCodeVerifier(31)).toThrow(RangeError);
    expect(() => createCodeVerifier(97)).toThrow(RangeError);
  });

  it('pairs each verifier with its own S256 challenge', async () => {
    const pair = await createPkcePair();
    expect(pair.method).toBe('S256');
    expect(pair.challenge).toBe(await codeChallengeS256(pair.verifier));
    expect(pair.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('state', () => {
  it('is random and url-safe', () => {
    const a = createState();
    const b = createState();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it('accepts only the exact value that was sent', () => {
    const state = createState();
    expect(statesMatch(state, state)).toBe(true);
    expect(statesMatch(state, `${state.slice(0, -1)}${state.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(statesMatch(state, state.slice(1))).toBe(false);
    expect(statesMatch(state, '')).toBe(false);
    expect(statesMatch(state, null)).toBe(false);
    expect(statesMatch('', '')).toBe(false);
  });
});
