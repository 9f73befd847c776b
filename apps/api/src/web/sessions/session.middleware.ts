import { timingSafeEqual } from 'node:crypto';
import { ForbiddenException, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig } from '@app/config';
import { problemType } from '@app/platform';
import { SessionStore, type WebSession } from './session.store';
import { setWebSession } from './web-session';

export const SESSION_COOKIE = 'ledger_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The value of one cookie of the request (RFC 6265 cookie-string), if sent. */
export function cookieOf(request: Request, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

export const csrfRefused = (reason: string) =>
  new ForbiddenException({ type: problemType('CSRF_TOKEN_INVALID'), title: 'Form expired or not sent from this service', status: 403, code: 'CSRF_TOKEN_INVALID', detail: reason });

const sameToken = (sent: unknown, expected: string): boolean =>
  typeof sent === 'string' && sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));

/** The routes that take a file (multipart/form-data); every other state-changing request is a urlencoded form. */
const UPLOAD_ROUTES = /^\/app\/(?:framework\/import(?:\/confirm)?|cases\/[\w-]+\/documents)$/;

/** The form's _csrf must be the session's token: refused (403) otherwise. */
export function checkFormToken(body: unknown, session: WebSession): void {
  const sent = (body as Record<string, unknown> | undefined)?._csrf;
  if (!sameToken(sent, session.csrfToken)) throw csrfRefused('The form was not sent from this service, or it has expired. Reload the page and try again.');
}

/**
 * The web app's session on every page request: the signed-in principal for the access
 * policy, and the form token every state-changing request must carry back (synchroniser
 * token, bound to the session). A visitor without a session gets an anonymous one, so the
 * sign-in form is protected too.
 */
@Injectable()
export class SessionMiddleware implements NestMiddleware {
  constructor(
    private readonly sessions: SessionStore,
    private readonly config: AppConfig,
  ) {}

  async use(request: Request, response: Response, next: NextFunction): Promise<void> {
    let session = await this.sessions.find(cookieOf(request, SESSION_COOKIE));
    if (!session && SAFE.has(request.method)) {
      session = await this.sessions.create(null);
      this.setCookie(request, response, session);
    }
    if (!SAFE.has(request.method)) {
      if (!session) throw csrfRefused('Your session has ended. Go back, reload the page and try again.');
      // An upload's fields are parsed by its route's interceptor, which then checks the token itself.
      const upload = request.is('multipart/form-data') && UPLOAD_ROUTES.test(request.path);
      if (!upload) checkFormToken(request.body, session);
    }
    setWebSession(request, session ?? null);
    next();
  }

  /** HttpOnly, SameSite=Lax, Secure when the service is reached over https; lives as long as the session may. */
  setCookie(request: Request, response: Response, session: WebSession): void {
    response.cookie(SESSION_COOKIE, session.id, {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.secure || this.config.PUBLIC_URL.startsWith('https://'),
      path: '/',
      maxAge: this.config.SESSION_ABSOLUTE_HOURS * 3_600_000,
    });
  }

  clearCookie(response: Response): void {
    response.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}
