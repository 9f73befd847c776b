import { type Role, signToken } from '@app/auth';

/** The secret every e2e API is started with (test/support/api-app.ts), so tokens are signed as the app checks them. */
export const TEST_JWT_SECRET = 'e2e-only-secret-not-for-any-real-ledger-0123456789';

export interface TokenOptions {
  /** The actor id (default: the role's, with the locality for a CSP user). */
  readonly sub?: string;
  readonly expiresInSeconds?: number;
  readonly now?: Date;
  readonly secret?: string;
}

/** A real HS256 bearer token, signed by the same code as `npm run cli -- token`. */
export function tokenFor(role: Role, locality?: string, options: TokenOptions = {}): string {
  const sub = options.sub ?? (locality ? `${role}.${locality}` : role);
  return signToken({ sub, role, ...(locality ? { locality } : {}) }, Buffer.from(options.secret ?? TEST_JWT_SECRET, 'utf8'), {
    expiresInSeconds: options.expiresInSeconds ?? 24 * 3600,
    now: options.now ?? new Date(),
  });
}

export const bearer = (token: string): Record<string, string> => ({ Authorization: `Bearer ${token}` });

/** Headers that make a request as this user. */
export const actingAs = (role: Role, locality?: string, options: TokenOptions = {}): Record<string, string> => bearer(tokenFor(role, locality, options));
