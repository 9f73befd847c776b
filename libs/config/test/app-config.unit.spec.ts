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
