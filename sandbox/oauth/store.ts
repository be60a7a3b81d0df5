import { randomBytes } from 'node:crypto';

/** Upwork's lifetimes (REFERENCE.md); the sandbox multiplies them by tokenTimeScale. */
export const LIFETIMES_MS = {
  accessToken: 86_400_000,
  refreshToken: 14 * 86_400_000,
  authCode: 10 * 60_000,
} as const;

export interface Grant {
  clientId: string;
  userId: string;
  scopes: string[];
}
export interface AuthCode extends Grant {
  redirectUri: string;
  codeChallenge: string | null;
  expiresAt: number;
}
interface Token extends Grant {
  expiresAt: number;
}

const newSecret = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

/** Codes and tokens in memory: a restart signs everyone out, like a revoked key would. */
export class OAuthStore {
  private readonly codes = new Map<string, AuthCode>();
  private readonly accessTokens = new Map<string, Token>();
  private readonly refreshTokens = new Map<string, Token>();

  constructor(private readonly scale: () => number) {}

  private lifetime(kind: keyof typeof LIFETIMES_MS): number {
    return LIFETIMES_MS[kind] * this.scale();
  }

  issueCode(grant: Omit<AuthCode, 'expiresAt'>): string {
    const code = newSecret('code_');
    this.codes.set(code, { ...grant, expiresAt: Date.now() + this.lifetime('authCode') });
    return code;
  }

  /** Single use: the code is gone after the first attempt, whatever the outcome. */
  takeCode(code: string): AuthCode | 'unknown' | 'expired' {
    const found = this.codes.get(code);
    if (!found) return 'unknown';
    this.codes.delete(code);
    return found.expiresAt <= Date.now() ? 'expired' : found;
  }

  issueTokens(grant: Grant): { access_token: string; refresh_token: string; token_type: 'bearer'; expires_in: number } {
    const access = newSecret('oauth2v2_');
    const refresh = newSecret('oauth2v2_r_');
    const now = Date.now();
    this.accessTokens.set(access, { ...grant, expiresAt: now + this.lifetime('accessToken') });
    this.refreshTokens.set(refresh, { ...grant, expiresAt: now + this.lifetime('refreshToken') });
    return {
      access_token: access,
      refresh_token: refresh,
      token_type: 'bearer',
      expires_in: Math.max(1, Math.round(this.lifetime('accessToken') / 1000)),
    };
  }

  /** Rotation: the old refresh token is consumed, successful or not. */
  takeRefreshToken(token: string): Grant | 'unknown' | 'expired' {
    const found = this.refreshTokens.get(token);
    if (!found) return 'unknown';
    this.refreshTokens.delete(token);
    return found.expiresAt <= Date.now() ? 'expired' : found;
  }

  /** A refresh token stays for the client that got it; another client's attempt leaves it alone. */
  peekRefreshToken(token: string): Grant | undefined {
    return this.refreshTokens.get(token);
  }

  checkAccessToken(token: string): Grant | 'unknown' | 'expired' {
    const found = this.accessTokens.get(token);
    if (!found) return 'unknown';
    return found.expiresAt <= Date.now() ? 'expired' : found;
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  expireAccessTokens(): void {
    for (const token of this.accessTokens.values()) token.expiresAt = 0;
  }
}
