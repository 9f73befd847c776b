import { plainToInstance, Transform } from 'class-transformer';
import { ArrayNotEmpty, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateBy, validateSync, ValidateIf } from 'class-validator';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const orDefault = <T>(fallback: T) => ({ value }: { value: unknown }) => trimmed({ value }) ?? fallback;
const intOr = (fallback: number) => ({ value }: { value: unknown }) => (value === undefined || value === '' ? fallback : Number(value));
const flagOr = (fallback: boolean) => ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? fallback : !['false', '0', 'no'].includes(String(value).toLowerCase());
const EMAIL = /^[^@\s]+@[^@\s]+$/;
/** A host on this machine: the only place a plain-http identity provider is trusted (a test or local set-up). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
export const isLoopbackHttpUrl = (url: URL): boolean => url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
const isIssuerUrl = (value: unknown): boolean => {
  if (typeof value !== 'string' || /\s/.test(value)) return false;
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'https:' || isLoopbackHttpUrl(url));
};
/** Single sign-on is configured by all three settings or none: two of them alone would leave it off without a word. */
const SSO_SETTINGS = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const;
const ssoPartlySet = (config: AppConfig): boolean => SSO_SETTINGS.some((key) => config[key] !== undefined);
/** Roles that write (libs/auth's ROLES less csp, always scoped, and auditor, who never writes). */
const WRITING_ROLES = ['opcc-staff', 'admin'] as const;
const rolesOr = (fallback: readonly string[]) => ({ value }: { value: unknown }) =>
  trimmed({ value })?.split(',').map((role) => role.trim()).filter(Boolean) ?? [...fallback];

/**
 * Every setting the product reads, validated once at start-up. Nothing else in the
 * code base reads `process.env`: modules receive this object.
 */
export class AppConfig {
  /** HTTP port of the API. */
  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(65535)
  readonly PORT: number = 3000;

  /** Where the embedded store (PGlite) and the outbox live when DATABASE_URL is not set. */
  @Transform(trimmed)
  @IsString()
  readonly DATA_DIR: string = './data';

  /** Free space (MB) the embedded store keeps in hand on DATA_DIR's disk: below it, commands are refused with 503 instead of filling the disk. */
  @Transform(intOr(64))
  @IsInt()
  @Min(0)
  readonly DATA_DIR_MIN_FREE_MB: number = 64;

  /** PostgreSQL server for events and read models; unset: embedded PGlite under DATA_DIR. */
  @Transform(trimmed)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// URL' })
  readonly DATABASE_URL?: string;

  /** Event store: `postgres` (PostgreSQL, or PGlite when DATABASE_URL is unset) or `kurrentdb`. */
  @Transform(({ value }) => trimmed({ value })?.toLowerCase() ?? 'postgres')
  @IsIn(['postgres', 'kurrentdb'], { message: 'EVENT_STORE must be one of: postgres, kurrentdb' })
  readonly EVENT_STORE: 'postgres' | 'kurrentdb' = 'postgres';

  /** KurrentDB connection string, required when EVENT_STORE=kurrentdb. */
  @Transform(trimmed)
  @ValidateIf((config: AppConfig) => config.EVENT_STORE === 'kurrentdb' || config.KURRENTDB_URL !== undefined)
  @Matches(/^(kurrentdb|kdb|esdb|kurrent)(\+discover)?:\/\//, {
    message: 'KURRENTDB_URL must be a kurrentdb:// connection string (required when EVENT_STORE=kurrentdb)',
  })
  readonly KURRENTDB_URL?: string;

  /** Redis for BullMQ reminder jobs. Redis down does not stop the API. */
  @Transform(({ value }) => trimmed({ value }) ?? 'redis://127.0.0.1:6379')
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  readonly REDIS_URL: string = 'redis://127.0.0.1:6379';

  /** Interval of the subscription's poll of the log, in milliseconds. */
  @Transform(({ value }) => (value === undefined || value === '' ? 100 : Number(value)))
  @IsInt()
  @Min(5)
  readonly POLL_INTERVAL_MS: number = 100;

  /** Whether this process keeps the read models caught up (the worker always does). */
  @Transform(({ value }) => (value === undefined || value === '' ? true : !['false', '0', 'no'].includes(String(value).toLowerCase())))
  @IsBoolean()
  readonly RUN_PROJECTIONS: boolean = true;

  /** Whether this process schedules reminders and sends their email (the worker always does). */
  @Transform(flagOr(true))
  @IsBoolean()
  readonly RUN_REMINDERS: boolean = true;

  /** BullMQ key prefix; unset: derived from the database, so two ledgers sharing one Redis never share queues. */
  @Transform(trimmed)
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'QUEUE_PREFIX must be 1-64 letters, digits, dots, dashes or underscores' })
  readonly QUEUE_PREFIX?: string;

  /** Hour of the day (Europe/London) at which reminders go out. */
  @Transform(intOr(9))
  @IsInt()
  @Min(0)
  @Max(23)
  readonly REMINDER_HOUR: number = 9;

  /** How often the reminder schedule is rebuilt from the deadlines table, in milliseconds. */
  @Transform(intOr(60_000))
  @IsInt()
  @Min(1000)
  readonly RECONCILE_INTERVAL_MS: number = 60_000;

  /** SMTP server for reminder email; unset: messages are written as .eml files under DATA_DIR/outbox. */
  @Transform(trimmed)
  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  readonly SMTP_URL?: string;

  /** Sender of reminder email. */
  @Transform(orDefault('Commissioning Ledger <commissioning@example.org>'))
  @Matches(/^([^<>]*<[^@\s<>]+@[^@\s<>]+>|[^@\s]+@[^@\s]+)$/, { message: 'MAIL_FROM must be an address or "Name <address>"' })
  readonly MAIL_FROM: string = 'Commissioning Ledger <commissioning@example.org>';

  /** Who is told of escalations (missed deadlines) and of deadlines that concern the OPCC. */
  @Transform(orDefault('opcc.commissioning@example.org'))
  @Matches(EMAIL, { message: 'OPCC_LEAD_EMAIL must be an email address' })
  readonly OPCC_LEAD_EMAIL: string = 'opcc.commissioning@example.org';

  /** A CSP's address, `{locality}` standing for the locality's slug. */
  @Transform(orDefault('csp.{locality}@example.org'))
  @Matches(/^[^@\s]*\{locality\}[^@\s]*@[^@\s]+$|^[^@\s]+@[^@\s]*\{locality\}[^@\s]*$/, {
    message: 'CSP_EMAIL_TEMPLATE must be an email address containing {locality}, e.g. csp.{locality}@example.org',
  })
  readonly CSP_EMAIL_TEMPLATE: string = 'csp.{locality}@example.org';

  /** Who is told of a contract's performance reports. */
  @Transform(orDefault('contracts@example.org'))
  @Matches(EMAIL, { message: 'CONTRACT_MANAGER_EMAIL must be an email address' })
  readonly CONTRACT_MANAGER_EMAIL: string = 'contracts@example.org';

  /** Where people reach the API; email links to cases start here. */
  @Transform(({ value }) => (trimmed({ value }) ?? 'http://localhost:3000').replace(/\/+$/, ''))
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http:// or https:// URL' })
  readonly PUBLIC_URL: string = 'http://localhost:3000';

  /** HS256 secret of bearer tokens; unset (and no JWKS_URL): generated once into DATA_DIR/jwt-secret. */
  @Transform(trimmed)
  @IsOptional()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters: a long random string' })
  readonly JWT_SECRET?: string;

  /** An identity provider's JWKS: tokens are then checked against its keys (RS256 and other asymmetric algorithms) only. */
  @Transform(trimmed)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'JWKS_URL must be an http:// or https:// URL' })
  readonly JWKS_URL?: string;

  /** When set, a token's iss must be this. */
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  readonly JWT_ISSUER?: string;

  /** When set, a token's aud must include this. */
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  readonly JWT_AUDIENCE?: string;

  /** Requests a client (by IP address) may make a minute before it is answered 429. */
  @Transform(intOr(600))
  @IsInt()
  @Min(1)
  readonly RATE_LIMIT_PER_MINUTE: number = 600;

  /** Origins allowed to call the API from a browser, comma-separated; unset: no CORS headers at all. */
  @Transform(({ value }) => trimmed({ value })?.split(',').map((origin) => origin.trim().replace(/\/+$/, '')).filter(Boolean))
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/,]+$/, { each: true, message: 'CORS_ORIGINS must be origins such as https://ledger.example.org, separated by commas' })
  readonly CORS_ORIGINS?: string[];

  /** Ed25519 key (PEM) the seals of the log are signed with, outside the database; unset: DATA_DIR/seal-key.pem, made once. */
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  readonly SEAL_KEY_FILE?: string;

  /** Where the sealing step keeps the anchor (the last seal, the seal count) that verify checks the log against; unset: DATA_DIR/seal-anchor.json. */
  @Transform(trimmed)
  @IsOptional()
  @IsString()
  readonly SEAL_ANCHOR_FILE?: string;

  /** Largest document accepted, in bytes (25 MB by default). */
  @Transform(intOr(25 * 1024 * 1024))
  @IsInt()
  @Min(1)
  readonly DOCUMENT_MAX_BYTES: number = 25 * 1024 * 1024;

  /** clamd's address (tcp://host:3310, or a unix socket path); unset: documents are kept as "not scanned". */
  @Transform(trimmed)
  @IsOptional()
  @Matches(/^(tcp:\/\/[^\s/]+:\d+\/?|unix:\/\/\/\S+|\/\S+)$/, { message: 'CLAMAV_URL must be tcp://host:port or a unix socket path (unix:///run/clamav/clamd.ctl)' })
  readonly CLAMAV_URL?: string;

  /** `production` refuses the development sign-in page of the web app. */
  @Transform(({ value }) => trimmed({ value }) ?? 'development')
  @IsString()
  readonly NODE_ENV: string = 'development';

  /** A web session unused this long (minutes) is signed out. */
  @Transform(intOr(30))
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  readonly SESSION_IDLE_MINUTES: number = 30;

  /** A web session ends this long (hours) after sign-in, however busy. */
  @Transform(intOr(12))
  @IsInt()
  @Min(1)
  @Max(7 * 24)
  readonly SESSION_ABSOLUTE_HOURS: number = 12;

  /**
   * OpenID Connect issuer of the organisation's single sign-on; with the client id and secret,
   * the web app signs people in there. https://, or http:// only on localhost, 127.0.0.1 or [::1].
   */
  @Transform(trimmed)
  @ValidateIf(ssoPartlySet)
  @ValidateBy({ name: 'isIssuerUrl', validator: { validate: isIssuerUrl } }, {
    message: 'OIDC_ISSUER_URL must be an https:// URL (http:// only for an identity provider on localhost or 127.0.0.1), set with OIDC_CLIENT_ID and OIDC_CLIENT_SECRET',
  })
  readonly OIDC_ISSUER_URL?: string;

  /** The web app's client id at the identity provider (a confidential client, its redirect URI PUBLIC_URL/app/sign-in/oidc/callback). */
  @Transform(trimmed)
  @ValidateIf(ssoPartlySet)
  @IsString({ message: 'OIDC_CLIENT_ID must be set with OIDC_ISSUER_URL and OIDC_CLIENT_SECRET' })
  readonly OIDC_CLIENT_ID?: string;

  /** Its secret, sent to the token endpoint by HTTP Basic (client_secret_basic). */
  @Transform(trimmed)
  @ValidateIf(ssoPartlySet)
  @IsString({ message: 'OIDC_CLIENT_SECRET must be set with OIDC_ISSUER_URL and OIDC_CLIENT_ID' })
  readonly OIDC_CLIENT_SECRET?: string;

  /** The ID token claim holding the ledger role (a string or an array). */
  @Transform(orDefault('role'))
  @IsString()
  readonly OIDC_ROLE_CLAIM: string = 'role';

  /** The ID token claim holding a CSP user's locality slug. */
  @Transform(orDefault('locality'))
  @IsString()
  readonly OIDC_LOCALITY_CLAIM: string = 'locality';

  /** The years business dates may fall in, first-last: dates outside are refused at the boundary and by the domain. */
  @Transform(orDefault('2000-2100'))
  @Matches(/^\d{4}-\d{4}$/, { message: 'BUSINESS_YEARS must be two years, first-last, such as 2000-2100' })
  readonly BUSINESS_YEARS: string = '2000-2100';

  /** 360Giving publisher prefix (registered with 360Giving): grant ids are 360G-<prefix>-<case id>. */
  @Transform(orDefault('ledger'))
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.]{0,39}$/, { message: 'PUBLISH_360G_PREFIX must be the publisher prefix after "360G-": letters, digits, dots or underscores' })
  readonly PUBLISH_360G_PREFIX: string = 'ledger';

  /** OCDS ocid prefix (registered with the Open Contracting Partnership): ocids are <prefix>-<case id>. */
  @Transform(orDefault('ocds-ledger'))
  @Matches(/^ocds-[a-z0-9]{6}$/, { message: 'PUBLISH_OCID_PREFIX must be an ocid prefix: "ocds-" and six letters or digits' })
  readonly PUBLISH_OCID_PREFIX: string = 'ocds-ledger';

  /** The funder of the grants and buyer of the contracts published. */
  @Transform(orDefault('Police and Crime Commissioner'))
  @IsString()
  readonly PUBLISH_FUNDER_NAME: string = 'Police and Crime Commissioner';

  /** The funder's org-id.guide identifier; unset: 360G-<PUBLISH_360G_PREFIX>, the publisher's own. */
  @Transform(trimmed)
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{2,}-[A-Za-z0-9._-]+$/, { message: 'PUBLISH_FUNDER_ID must be an org-id.guide identifier such as GB-GOV-…, or 360G-<prefix>' })
  readonly PUBLISH_FUNDER_ID?: string;

  /** Licence of the published data (a URL). */
  @Transform(orDefault('https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'))
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLISH_LICENSE must be an http:// or https:// URL' })
  readonly PUBLISH_LICENSE: string = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

  /** Serve the publications without a token under /open-data/, for a website to pull. */
  @Transform(flagOr(false))
  @IsBoolean()
  readonly PUBLISH_OPEN: boolean = false;

  /** Who may import (set up) a year's framework, comma-separated. */
  @Transform(rolesOr(['admin']))
  @IsIn(WRITING_ROLES, { each: true, message: 'FRAMEWORK_SETUP_ROLES must be roles that write, separated by commas: opcc-staff, admin' })
  @ArrayNotEmpty({ message: 'FRAMEWORK_SETUP_ROLES must name at least one role' })
  readonly FRAMEWORK_SETUP_ROLES: Array<(typeof WRITING_ROLES)[number]> = ['admin'];

  /** Who may change a framework during its year (amendments) and publish its workflow versions, comma-separated. */
  @Transform(rolesOr(['opcc-staff', 'admin']))
  @IsIn(WRITING_ROLES, { each: true, message: 'FRAMEWORK_CHANGE_ROLES must be roles that write, separated by commas: opcc-staff, admin' })
  @ArrayNotEmpty({ message: 'FRAMEWORK_CHANGE_ROLES must name at least one role' })
  readonly FRAMEWORK_CHANGE_ROLES: Array<(typeof WRITING_ROLES)[number]> = ['opcc-staff', 'admin'];

  /** Log level: error, warn, log, debug, verbose. */
  @Transform(({ value }) => trimmed({ value }) ?? 'log')
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  readonly LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

export const CONFIG_KEYS = [
  'PORT',
  'DATA_DIR',
  'DATA_DIR_MIN_FREE_MB',
  'DATABASE_URL',
  'EVENT_STORE',
  'KURRENTDB_URL',
  'REDIS_URL',
  'POLL_INTERVAL_MS',
  'RUN_PROJECTIONS',
  'RUN_REMINDERS',
  'QUEUE_PREFIX',
  'REMINDER_HOUR',
  'RECONCILE_INTERVAL_MS',
  'SMTP_URL',
  'MAIL_FROM',
  'OPCC_LEAD_EMAIL',
  'CSP_EMAIL_TEMPLATE',
  'CONTRACT_MANAGER_EMAIL',
  'PUBLIC_URL',
  'JWT_SECRET',
  'JWKS_URL',
  'JWT_ISSUER',
  'JWT_AUDIENCE',
  'RATE_LIMIT_PER_MINUTE',
  'CORS_ORIGINS',
  'LOG_LEVEL',
  'DOCUMENT_MAX_BYTES',
  'CLAMAV_URL',
  'NODE_ENV',
  'SESSION_IDLE_MINUTES',
  'SESSION_ABSOLUTE_HOURS',
  'OIDC_ISSUER_URL',
  'OIDC_CLIENT_ID',
  'OIDC_CLIENT_SECRET',
  'OIDC_ROLE_CLAIM',
  'OIDC_LOCALITY_CLAIM',
  'BUSINESS_YEARS',
  'SEAL_KEY_FILE',
  'SEAL_ANCHOR_FILE',
  'PUBLISH_360G_PREFIX',
  'PUBLISH_OCID_PREFIX',
  'PUBLISH_FUNDER_NAME',
  'PUBLISH_FUNDER_ID',
  'PUBLISH_LICENSE',
  'PUBLISH_OPEN',
  'FRAMEWORK_SETUP_ROLES',
  'FRAMEWORK_CHANGE_ROLES',
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Builds the validated configuration from an environment (process.env at the edge, a literal in tests). */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const picked = Object.fromEntries(CONFIG_KEYS.map((key) => [key, env[key]]));
  const config = plainToInstance(AppConfig, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    throw new ConfigError(errors.flatMap((e) => Object.values(e.constraints ?? { invalid: `${e.property} is invalid` })));
  }
  return config;
}

/** Which store the configuration selects, as /health names it. */
export function storeKind(config: AppConfig): 'pglite' | 'postgres' | 'kurrentdb' {
  if (config.EVENT_STORE === 'kurrentdb') return 'kurrentdb';
  return config.DATABASE_URL ? 'postgres' : 'pglite';
}
