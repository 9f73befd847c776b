import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@app/auth';
import { AppConfig } from '@app/config';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';

/** What a sign-in in progress needs back when the identity provider returns the user. */
export interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface WebSession {
  /** The cookie's value; only its hash is stored. */
  readonly id: string;
  readonly principal: Principal | null;
  readonly csrfToken: string;
  readonly pending: PendingSignIn | null;
  /** How the principal signed in: a single sign-on session is also ended at the identity provider. */
  readonly signedInVia?: SignInMethod;
}

export type SignInMethod = 'oidc' | 'dev';

interface Row {
  principal: Principal | null;
  csrf_token: string;
  pending: PendingSignIn | null;
  signed_in_via: SignInMethod | null;
  expired: boolean;
  stale: boolean;
}

const hashOf = (id: string): string => createHash('sha256').update(id).digest('hex');
const token = (): string => randomBytes(32).toString('base64url');
/** A session id is 43 base64url characters: anything else is not worth a query. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Server-side sessions in PostgreSQL/PGlite (web_sessions). Ends a session idle for
 * SESSION_IDLE_MINUTES or older than SESSION_ABSOLUTE_HOURS; sessions are read on every
 * page, so last_seen_at is written at most once a minute.
 */
@Injectable()
export class SessionStore {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly config: AppConfig,
  ) {}

  async create(principal: Principal | null, pending: PendingSignIn | null = null, signedInVia?: SignInMethod): Promise<WebSession> {
    const id = token();
    const csrfToken = token();
    await this.db.query(
      `insert into web_sessions (id_hash, principal, csrf_token, pending, expires_at, signed_in_via)
       values ($1, $2::jsonb, $3, $4::jsonb, now() + make_interval(hours => $5::int), $6)`,
      [hashOf(id), principal ? JSON.stringify(principal) : null, csrfToken, pending ? JSON.stringify(pending) : null, this.config.SESSION_ABSOLUTE_HOURS, signedInVia ?? null],
    );
    return { id, principal, csrfToken, pending, ...(signedInVia ? { signedInVia } : {}) };
  }

  /** The live session of a cookie value, or undefined (unknown, idle too long, or past its absolute end). */
  async find(id: string | undefined): Promise<WebSession | undefined> {
    if (!id || !SESSION_ID.test(id)) return undefined;
    const { rows } = await this.db.query<Row>(
      `select principal, csrf_token, pending, signed_in_via,
              (expires_at <= now() or last_seen_at + make_interval(mins => $2::int) <= now()) as expired,
              last_seen_at < now() - interval '1 minute' as stale
         from web_sessions where id_hash = $1`,
      [hashOf(id), this.config.SESSION_IDLE_MINUTES],
      'web-session-find',
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.expired) {
      await this.destroy(id);
      return undefined;
    }
    if (row.stale) await this.db.query('update web_sessions set last_seen_at = now() where id_hash = $1', [hashOf(id)]);
    return { id, principal: row.principal, csrfToken: row.csrf_token, pending: row.pending, ...(row.signed_in_via ? { signedInVia: row.signed_in_via } : {}) };
  }

  /** Sign-in: the old session (and its id) is dropped and a new one made, so a planted id is worth nothing. */
  async rotate(old: WebSession | undefined, principal: Principal, signedInVia: SignInMethod): Promise<WebSession> {
    if (old) await this.destroy(old.id);
    await this.sweep();
    return this.create(principal, null, signedInVia);
  }

  async setPending(session: WebSession, pending: PendingSignIn | null): Promise<void> {
    await this.db.query('update web_sessions set pending = $2::jsonb where id_hash = $1', [hashOf(session.id), pending ? JSON.stringify(pending) : null]);
  }

  async destroy(id: string): Promise<void> {
    await this.db.query('delete from web_sessions where id_hash = $1', [hashOf(id)]);
  }

  /** Expired sessions are removed at each sign-in, so the table holds only live ones and a few stragglers. */
  private async sweep(): Promise<void> {
    await this.db.query(`delete from web_sessions where expires_at <= now() or last_seen_at + make_interval(mins => $1::int) <= now()`, [
      this.config.SESSION_IDLE_MINUTES,
    ]);
  }
}
