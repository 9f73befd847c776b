import { ConfigError, loadConfig, storeKind } from '@app/config';

describe('configuration', () => {
  it('runs with no environment at all: embedded store, local Redis, port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      EVENT_STORE: 'postgres',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(storeKind(config)).toBe('pglite');
  });

  it('selects PostgreSQL when DATABASE_URL is set and KurrentDB when asked', () => {
    expect(storeKind(loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/ledger' }))).toBe('postgres');
    expect(storeKind(loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://127.0.0.1:2113?tls=false' }))).toBe(
      'kurrentdb',
    );
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ EVENT_STORE: 'mongo' }, 'EVENT_STORE'],
    [{ EVENT_STORE: 'kurrentdb' }, 'KURRENTDB_URL'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  it('ignores variables it does not know', () => {
    expect(loadConfig({ HOME: '/root', PORT: '8080' }).PORT).toBe(8080);
  });
});

describe('configuration of access and hardening', () => {
  it('defaults to a generated token secret, 600 requests a minute per client, and no CORS', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ RATE_LIMIT_PER_MINUTE: 600 });
    expect([config.JWT_SECRET, config.JWKS_URL, config.JWT_ISSUER, config.JWT_AUDIENCE, config.CORS_ORIGINS]).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('reads CORS_ORIGINS as a list of origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.org, https://b.example.org/' }).CORS_ORIGINS).toEqual(['https://a.example.org', 'https://b.example.org']);
  });

  it.each([
    [{ JWT_SECRET: 'too-short' }, 'JWT_SECRET'],
    [{ JWKS_URL: 'ftp://sso.example.org/jwks' }, 'JWKS_URL'],
    [{ RATE_LIMIT_PER_MINUTE: '0' }, 'RATE_LIMIT_PER_MINUTE'],
    [{ CORS_ORIGINS: 'https://ok.example.org,*' }, 'CORS_ORIGINS'],
    [{ FRAMEWORK_SETUP_ROLES: 'admin,auditor' }, 'FRAMEWORK_SETUP_ROLES'],
    [{ FRAMEWORK_CHANGE_ROLES: 'csp' }, 'FRAMEWORK_CHANGE_ROLES'],
    [{ FRAMEWORK_CHANGE_ROLES: ' , ' }, 'FRAMEWORK_CHANGE_ROLES'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  it('lets admins set a framework up and OPCC staff and admins change it, unless configured otherwise', () => {
    expect(loadConfig({})).toMatchObject({ FRAMEWORK_SETUP_ROLES: ['admin'], FRAMEWORK_CHANGE_ROLES: ['opcc-staff', 'admin'] });
    expect(loadConfig({ FRAMEWORK_SETUP_ROLES: 'opcc-staff, admin', FRAMEWORK_CHANGE_ROLES: 'admin' })).toMatchObject({
      FRAMEWORK_SETUP_ROLES: ['opcc-staff', 'admin'],
      FRAMEWORK_CHANGE_ROLES: ['admin'],
    });
  });
});

describe('configuration of single sign-on', () => {
  const sso = (issuer: string) => ({ OIDC_ISSUER_URL: issuer, OIDC_CLIENT_ID: 'ledger', OIDC_CLIENT_SECRET: 'secret' });

  it('is off with none of its settings, and reads the role and locality claims as role and locality unless told', () => {
    expect(loadConfig({})).toMatchObject({ OIDC_ROLE_CLAIM: 'role', OIDC_LOCALITY_CLAIM: 'locality' });
    expect(loadConfig({}).OIDC_ISSUER_URL).toBeUndefined();
    expect(loadConfig({ ...sso('https://sso.example.org/realms/opcc'), OIDC_ROLE_CLAIM: 'cl_role', OIDC_LOCALITY_CLAIM: 'cl_locality' })).toMatchObject({
      OIDC_ISSUER_URL: 'https://sso.example.org/realms/opcc',
      OIDC_ROLE_CLAIM: 'cl_role',
      OIDC_LOCALITY_CLAIM: 'cl_locality',
    });
  });

  it.each(['http://localhost:8080/realms/opcc', 'http://127.0.0.1:9000', 'http://[::1]:9000/'])('takes a plain-http issuer on this machine (%s), for a test or local set-up', (issuer) => {
    expect(loadConfig(sso(issuer)).OIDC_ISSUER_URL).toBe(issuer);
  });

  it.each([
    [sso('http://sso.example.org'), 'OIDC_ISSUER_URL must be an https:// URL'],
    [sso('http://localhost.example.org'), 'OIDC_ISSUER_URL must be an https:// URL'],
    [sso('http://10.0.0.5:8080'), 'OIDC_ISSUER_URL must be an https:// URL'],
    [sso('ftp://sso.example.org'), 'OIDC_ISSUER_URL must be an https:// URL'],
    [sso('https://sso example.org'), 'OIDC_ISSUER_URL must be an https:// URL'],
    [{ OIDC_ISSUER_URL: 'https://sso.example.org', OIDC_CLIENT_ID: 'ledger' }, 'OIDC_CLIENT_SECRET must be set'],
    [{ OIDC_CLIENT_ID: 'ledger', OIDC_CLIENT_SECRET: 'secret' }, 'OIDC_ISSUER_URL must be'],
    [{ OIDC_ISSUER_URL: 'https://sso.example.org', OIDC_CLIENT_SECRET: 'secret' }, 'OIDC_CLIENT_ID must be set'],
  ])('refuses %j: %s', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
