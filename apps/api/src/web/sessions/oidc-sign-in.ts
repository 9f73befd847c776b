import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type * as OpenId from 'openid-client';
import { isRole, type Principal, principalFromClaims, TokenRejected } from '@app/auth';
import { AppConfig } from '@app/config';
import { problemType } from '@app/platform';
import type { PendingSignIn } from './session.store';

export const OIDC_CALLBACK = '/app/sign-in/oidc/callback';

const unavailable = (reason: string) =>
  new ServiceUnavailableException({ type: problemType('SIGN_IN_UNAVAILABLE'), title: 'Single sign-on unavailable', status: 503, code: 'SIGN_IN_UNAVAILABLE', detail: reason });

/**
 * Single sign-on by OpenID Connect: authorization code flow with PKCE (S256), state and
 * nonce, through openid-client. The ID token's role and locality claims (names configurable)
 * become the same principal a bearer token makes, checked by the same rules.
 */
@Injectable()
export class OidcSignIn {
  private readonly logger = new Logger('SignIn');
  private configuration?: Promise<OpenId.Configuration>;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.OIDC_ISSUER_URL && this.config.OIDC_CLIENT_ID && this.config.OIDC_CLIENT_SECRET);
  }

  /** Where to send the browser, and what the callback must find again in the session. */
  async start(): Promise<{ url: string; pending: PendingSignIn }> {
    const oidc = await this.client();
    const configuration = await this.discovered();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const pending = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri(),
      scope: 'openid profile email',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** The principal of the user the identity provider sends back; refused (TokenRejected) when anything does not match. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<Principal> {
    const oidc = await this.client();
    const configuration = await this.discovered();
    let claims: Record<string, unknown> | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims() as Record<string, unknown> | undefined;
    } catch (error) {
      this.logger.warn(`Single sign-on refused: ${error instanceof Error ? error.message : String(error)}`);
      throw new TokenRejected('the identity provider did not confirm the sign-in');
    }
    if (!claims) throw new TokenRejected('the identity provider sent no ID token');
    const role = claims[this.config.OIDC_ROLE_CLAIM];
    return principalFromClaims({
      sub: claims.sub,
      roles: (Array.isArray(role) ? role : [role]).filter(isRole),
      locality: claims[this.config.OIDC_LOCALITY_CLAIM],
    });
  }

  private redirectUri(): string {
    return `${this.config.PUBLIC_URL}${OIDC_CALLBACK}`;
  }

  /** openid-client ships ES modules only; it is loaded when single sign-on is first used. */
  private client(): Promise<typeof OpenId> {
    return import('openid-client');
  }

  private discovered(): Promise<OpenId.Configuration> {
    if (!this.enabled) return Promise.reject(unavailable('Single sign-on is not configured (OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET).'));
    this.configuration ??= this.client()
      .then((oidc) => {
        const issuer = new URL(this.config.OIDC_ISSUER_URL as string);
        // An identity provider on plain http is only for a local test set-up.
        const options = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
        return oidc.discovery(issuer, this.config.OIDC_CLIENT_ID as string, this.config.OIDC_CLIENT_SECRET as string, undefined, options);
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        this.logger.error(`Single sign-on discovery failed: ${error instanceof Error ? error.message : String(error)}`);
        throw unavailable('The identity provider cannot be reached just now. Try again shortly.');
      });
    return this.configuration;
  }
}
