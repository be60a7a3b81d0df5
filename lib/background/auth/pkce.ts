/**
 * PKCE (RFC 7636) and the OAuth `state` value. Upwork does not document PKCE support, so Loupe
 * sends it always (harmless if ignored) and relies on `state` to tie the answer to its request.
 */

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomBase64url(byteLength: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** 48 random bytes give a 64-character verifier, inside RFC 7636's 43–128 range. */
export function createCodeVerifier(byteLength = 48): string {
  if (byteLength < 32 || byteLength > 96) throw new RangeError('A PKCE verifier needs 32–96 random bytes (43–128 characters).');
  return randomBase64url(byteLength);
}

export async function codeChallengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function createState(): string {
  return randomBase64url(32);
}

export interface PkcePair {
  verifier: string;
  challenge: string;
  method: 'S256';
}

export async function createPkcePair(): Promise<PkcePair> {
  const verifier = createCodeVerifier();
  return { verifier, challenge: await codeChallengeS256(verifier), method: 'S256' };
}

/** Compares without stopping at the first difference, so timing does not reveal how much matched. */
export function statesMatch(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== 'string' || received.length !== expected.length || expected.length === 0) return false;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected.charCodeAt(i) ^ received.charCodeAt(i);
  return difference === 0;
}
