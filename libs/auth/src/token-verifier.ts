import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { principalFromClaims } from './claims';
import type { Principal } from './principal';
import { TokenKeysUnavailable, TokenRejected } from './token-errors';
import type { TokenKeys } from './token-keys';

/** Identity providers sign with these; HS256 is never taken from a JWKS (a public key is no secret). */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface TokenExpectations {
  readonly issuer?: string;
  readonly audience?: string;
}

/** Checks a bearer token's signature, expiry, issuer and audience, and reads who it names. */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly algorithms: string[];

  constructor(
    readonly keys: TokenKeys,
    private readonly expect: TokenExpectations = {},
  ) {
    this.key = keys.kind === 'secret' ? keys.secret : createRemoteJWKSet(keys.url);
    this.algorithms = keys.kind === 'secret' ? ['HS256'] : ASYMMETRIC;
  }

  async verify(token: string): Promise<Principal> {
    const options = {
      algorithms: this.algorithms,
      issuer: this.expect.issuer,
      audience: this.expect.audience,
      // A token that never expires is a password that can't be changed.
      requiredClaims: ['sub', 'exp'],
      // Clocks of the identity provider and this server drift apart a little.
      clockTolerance: 30,
    };
    try {
      const { payload } = typeof this.key === 'function' ? await jwtVerify(token, this.key, options) : await jwtVerify(token, this.key, options);
      return principalFromClaims(payload);
    } catch (error) {
      throw rejection(error, this.keys.kind);
    }
  }
}

function rejection(error: unknown, kind: TokenKeys['kind']): unknown {
  if (error instanceof TokenRejected) return error;
  if (error instanceof errors.JWTExpired) return new TokenRejected('the token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) return new TokenRejected(`the token's ${error.claim} claim ${error.reason === 'missing' ? 'is missing' : 'is not accepted here'}`);
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenRejected("the token's signature does not verify");
  if (error instanceof errors.JOSEAlgNotAllowed) return new TokenRejected("the token's signing algorithm is not accepted here");
  if (error instanceof errors.JWKSNoMatchingKey) return new TokenRejected("no key of the identity provider matches the token's");
  if (!(error instanceof errors.JOSEError)) {
    // With a JWKS, what jose does not recognise is the fetch of the keys failing.
    return kind === 'jwks' ? unavailable(error) : error;
  }
  // A JWKS answered with other than 200 is a plain JOSEError (ERR_JOSE_GENERIC).
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || (kind === 'jwks' && error.code === 'ERR_JOSE_GENERIC')) return unavailable(error);
  return new TokenRejected('the token is not a well-formed signed JWT');
}

function unavailable(error: unknown): TokenKeysUnavailable {
  return new TokenKeysUnavailable(`the identity provider's keys could not be read: ${error instanceof Error ? error.message : String(error)}`);
}
