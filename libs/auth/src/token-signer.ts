import { createHmac } from 'node:crypto';
import { LOCALITY_SLUG, type Role } from './roles';

export interface TokenRequest {
  readonly sub: string;
  readonly role: Role;
  readonly locality?: string;
}

export interface SigningOptions {
  readonly expiresInSeconds: number;
  readonly now: Date;
  readonly issuer?: string;
  readonly audience?: string;
}

const encode = (value: object): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/**
 * An HS256 JWT (RFC 7519) for development and tests, checked by the same TokenVerifier as
 * any other. Synchronous on purpose: node:crypto's HMAC needs no await, so the CLI and the
 * test fixtures mint a token in an expression, where jose's WebCrypto signing would be async.
 */
export function signToken(request: TokenRequest, secret: Uint8Array, options: SigningOptions): string {
  if (request.role === 'csp' && !(request.locality && LOCALITY_SLUG.test(request.locality))) {
    throw new Error('a csp token needs its locality (a slug such as blaby)');
  }
  if (request.role !== 'csp' && request.locality !== undefined) throw new Error('only a csp token carries a locality');
  const iat = Math.floor(options.now.getTime() / 1000);
  const payload = {
    sub: request.sub,
    role: request.role,
    ...(request.locality ? { locality: request.locality } : {}),
    ...(options.issuer ? { iss: options.issuer } : {}),
    ...(options.audience ? { aud: options.audience } : {}),
    iat,
    exp: iat + options.expiresInSeconds,
  };
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(payload)}`;
  return `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `90s`, `30m`, `8h`, `7d` (or bare seconds) → seconds. */
export function parseDuration(text: string): number {
  const match = /^(\d{1,7})\s*([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[(match[2] || 's') as keyof typeof UNIT_SECONDS] : 0;
  if (seconds <= 0) throw new Error(`"${text}" is not a duration such as 30m, 8h or 7d`);
  return seconds;
}
