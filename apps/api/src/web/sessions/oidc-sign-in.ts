import { Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type * as OpenId from 'openid-client';
import { isRole, type Principal, principalFromClaims, ROLES, TokenRejected } from '@app/auth';
import { AppConfig, isLoopbackHttpUrl } from '@app/config';
import { problemType } from '@app/platform';
import type { PendingSignIn } from './session.store';

export const OIDC_CALLBACK = '/app/sign-in/oidc/callback';

const unavailable = (reason: string) =>
  new ServiceUnavailableException({ type: problemType('SIGN_IN_UNAVAILABLE'), title: 'Single sign-on unavailable', status: 503, code: 'SIGN_IN_UNAVAILABLE', detail: reason });

/** The identity provider's answer, in words for the person it was about (its error code names the case). */
function refusal(error: unknown): string {
  const code = (error as { error?: unknown } | null)?.error;
  if (code === 'access_denied') return 'the sign-in was cancelled or refused at your organisation\'s sign-in page';
  if (code === 'login_required' || code === 'interaction_required' || code === 'consent_required') return 'your organisation\'s sign-in page did not finish signing you in';
  return 'the identity provider did not confirm the sign-in';
}

/**
 * Single sign-on by OpenID Connect: authorization code flow with PKCE (S256), state and
 * nonce, through openid-client; the client authenticates at the token endpoint with its
 * secret by HTTP Basic (client_secret_basic, OpenID Connect's default). The ID token's role
 * and locality claims (names configurable) become the same principal a bearer token makes,
 * checked by the same rules; an ID token that names no role of the ledger signs nobody in.
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

  /**
   * The principal of the user the identity provider sends back; refused (TokenRejected) when
   * anything does not match. `query` is the callback's query string: the redirect URI the
   * code is exchanged for is the configured one, as the authorization request sent it.
   */
  async finish(query: string, pending: PendingSignIn): Promise<Principal> {
    const oidc = await this.client();
    const configuration = await this.discovered();
    const callbackUrl = new URL(this.redirectUri());
    callbackUrl.search = query;
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
      throw new TokenRejected(refusal(error));
    }
    if (!claims) throw new TokenRejected('the identity provider sent no ID token');
    const role = claims[this.config.OIDC_ROLE_CLAIM];
    const principal = principalFromClaims({
      sub: claims.sub,
      roles: (Array.isArray(role) ? role : [role]).filter(isRole),
      locality: claims[this.config.OIDC_LOCALITY_CLAIM],
    });
    if (principal.roles.length === 0) {
      // A bearer token with no role is an identity the guard refuses route by route; a sign-in with none opens no session.
      this.logger.warn(`Single sign-on refused: ${principal.id} has no role of the ledger in the ID token's "${this.config.OIDC_ROLE_CLAIM}" claim`);
      throw new TokenRejected(
        `your account has no role in Commissioning Ledger (the "${this.config.OIDC_ROLE_CLAIM}" claim of your organisation's sign-in names none of ${ROLES.join(', ')}). Ask the OPCC commissioning team for access`,
      );
    }
    return principal;
  }

  /**
   * Where to end the user's session at the identity provider (RP-initiated logout, with the
   * ledger's home as where to come back), or undefined where the provider has no
   * end-session endpoint or cannot be reached: signing out here never waits on it.
   */
  async signOutUrl(): Promise<string | undefined> {
    try {
      const configuration = await this.discovered();
      if (!configuration.serverMetadata().end_session_endpoint) return undefined;
      const oidc = await this.client();
      return oidc.buildEndSessionUrl(configuration, { post_logout_redirect_uri: `${this.config.PUBLIC_URL}/` }).href;
    } catch (error) {
      this.logger.warn(`Signed out here only, not at the identity provider: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
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
        // openid-client speaks only https to an identity provider. Plain http is let through
        // for one on this machine (a test or local set-up) and nowhere else: the configuration
        // refuses any other http:// issuer at start-up, and this says so again.
        if (issuer.protocol !== 'https:' && !isLoopbackHttpUrl(issuer)) throw new Error(`${issuer.href} is neither https:// nor http:// on localhost`);
        const options = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
        return oidc.discovery(issuer, this.config.OIDC_CLIENT_ID as string, undefined, oidc.ClientSecretBasic(this.config.OIDC_CLIENT_SECRET as string), options);
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        this.logger.error(`Single sign-on discovery failed: ${error instanceof Error ? error.message : String(error)}`);
        throw unavailable('The identity provider cannot be reached just now. Try again shortly.');
      });
    return this.configuration;
  }
}
