import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { freePort } from './api-process';

/** An account of the test identity provider: its sub, and the claims its ID token carries besides. */
export type TestAccounts = Record<string, Record<string, unknown>>;

export interface TestClient {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly redirectUris: string[];
  /** Where the provider may send a browser back after signing out (RP-initiated logout). */
  readonly postLogoutRedirectUris?: string[];
}

/** What the provider saw of an authorization code exchanged at its token endpoint. */
export interface TokenExchange {
  readonly clientId: string;
  /** How the client sent its secret: in an HTTP Basic Authorization header, or else in the form body. */
  readonly clientAuthentication: 'client_secret_basic' | 'client_secret_post';
  readonly codeVerifier: string | undefined;
  /** base64url(SHA-256(code_verifier)): the S256 challenge the verifier answers. */
  readonly verifierChallenge: string | undefined;
  readonly redirectUri: string | undefined;
}

export interface TestOpenIdProvider {
  readonly issuer: string;
  readonly provider: Provider;
  readonly exchanges: TokenExchange[];
  /** The provider's refusals and failures (grant.error, authorization.error, server_error), to say why a flow stopped. */
  readonly errors: string[];
  close(): Promise<void>;
}

/**
 * A real OpenID provider in this process: panva's oidc-provider (OpenID Certified), its
 * development login and consent pages (any password; the login is the account's sub), its
 * tokens signed by an RSA key made for the run. One confidential client, PKCE (S256)
 * required of it. The accounts' claims are released with the `profile` scope and carried in
 * the ID token itself (conformIdTokenClaims off), as identity providers send role claims.
 */
export async function startOpenIdProvider(client: TestClient, accounts: TestAccounts): Promise<TestOpenIdProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const released = [...new Set(Object.values(accounts).flatMap((claims) => Object.keys(claims)))];
  const configuration: Configuration = {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        // OpenID Connect's default for a confidential client, said out loud.
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: released, email: ['email'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => (accounts[sub] ? { accountId: sub, claims: () => ({ ...accounts[sub], sub }) } : undefined),
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><title>Error</title><h1>${out.error}</h1><p>${out.error_description ?? ''}</p>`;
    },
  };
  // It warns, once, that its development interactions are for development only, and that it
  // is made for Node.js 22 LTS or later: on Node.js 20.19 (this project's least) the APIs it
  // uses (URL.parse, crypto.hash) are there, and this is a test.
  const warn = console.warn;
  console.warn = () => undefined;
  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration);
  } finally {
    console.warn = warn;
  }
  const exchanges: TokenExchange[] = [];
  // The provider takes a secret either way; what the client sent is read here, before it does.
  provider.use(async (ctx, next) => {
    if (ctx.method === 'POST' && ctx.path === '/token') {
      (ctx.state as { clientAuthentication: string }).clientAuthentication = /^basic /i.test(ctx.get('authorization')) ? 'client_secret_basic' : 'client_secret_post';
    }
    await next();
  });
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const params = (ctx.oidc.params ?? {}) as Record<string, string | undefined>;
    const verifier = params.code_verifier;
    exchanges.push({
      clientId: ctx.oidc.client?.clientId ?? '',
      clientAuthentication: (ctx.state as { clientAuthentication: TokenExchange['clientAuthentication'] }).clientAuthentication,
      codeVerifier: verifier,
      verifierChallenge: verifier ? createHash('sha256').update(verifier).digest('base64url') : undefined,
      redirectUri: params.redirect_uri,
    });
  });
  const errors: string[] = [];
  const failed = (event: string) => (_ctx: KoaContextWithOIDC, error: Error & { error_description?: string }) =>
    errors.push(`${event}: ${error.message}${error.error_description ? ` (${error.error_description})` : ''}`);
  provider.on('grant.error', failed('grant.error'));
  provider.on('authorization.error', failed('authorization.error'));
  provider.on('server_error', failed('server_error'));
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    issuer,
    provider,
    exchanges,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
