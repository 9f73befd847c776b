import { Body, Controller, Get, NotFoundException, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { isRole, LOCALITY_SLUG, type Principal, Public, TokenRejected } from '@app/auth';
import { AppConfig } from '@app/config';
import { DomainError } from '@app/domain';
import { problemType } from '@app/platform';
import { WebPage } from '../views/page';
import { OidcSignIn } from './oidc-sign-in';
import { SessionMiddleware } from './session.middleware';
import { type SignInMethod, SessionStore } from './session.store';
import { webSessionOf } from './web-session';

const NAME = /^[A-Za-z0-9._@-]{1,60}$/;

/** Signing in and out. Every form here carries the session's token (checked by SessionMiddleware). */
@ApiExcludeController()
@Controller('app')
export class SignInController {
  constructor(
    private readonly sessions: SessionStore,
    private readonly cookies: SessionMiddleware,
    private readonly oidc: OidcSignIn,
    private readonly page: WebPage,
    private readonly config: AppConfig,
  ) {}

  /** Development sign-in: a role, and a CSP user's locality. Not in production, where single sign-on is the way in. */
  @Post('sign-in/dev')
  @Public()
  async devSignIn(@Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (this.config.NODE_ENV === 'production') throw new NotFoundException({ type: problemType('NOT_FOUND'), title: 'Not found', status: 404, code: 'NOT_FOUND', detail: 'There is no development sign-in in production.' });
    const errors: Array<{ field: string; reason: string }> = [];
    const role = body.role;
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    const locality = typeof body.locality === 'string' ? body.locality.trim().toLowerCase() : '';
    if (!isRole(role)) errors.push({ field: 'role', reason: 'Select the role to sign in as' });
    if (!NAME.test(name)) errors.push({ field: 'name', reason: 'Enter a name of 1 to 60 letters, digits, dots, dashes or @' });
    if (role === 'csp' && !LOCALITY_SLUG.test(locality)) errors.push({ field: 'locality', reason: 'Enter the locality of the CSP, for example blaby' });
    if (errors.length > 0) {
      const problem = { type: problemType('VALIDATION_FAILED'), title: 'There is a problem', status: 400, code: 'VALIDATION_FAILED', detail: 'Check the sign-in details.', errors };
      response.send(this.page.html(request, response, 'pages/sign-in.njk', { title: 'Sign in', problem, values: body, devSignIn: true, oidc: this.oidc.enabled }, 400));
      return;
    }
    const principal: Principal = { id: name, roles: [role as Principal['roles'][number]], ...(role === 'csp' ? { locality } : {}) };
    await this.signIn(request, response, principal, 'dev');
  }

  @Get('sign-in/oidc')
  @Public()
  async startOidc(@Req() request: Request, @Res() response: Response): Promise<void> {
    const session = webSessionOf(request);
    if (!session) throw new DomainError('SIGN_IN_UNAVAILABLE', 'No session to sign in with: reload the page');
    const { url, pending } = await this.oidc.start();
    await this.sessions.setPending(session, pending);
    response.redirect(303, url);
  }

  /**
   * The identity provider's redirect back. The sign-in in progress is used up whatever the
   * outcome; a refusal (403) names why, and the browser's session is left as it was (no one signed in by it).
   */
  @Get('sign-in/oidc/callback')
  @Public()
  async finishOidc(@Req() request: Request, @Res() response: Response): Promise<void> {
    const session = webSessionOf(request);
    if (!session?.pending) throw new DomainError('SIGN_IN_FAILED', 'This sign-in was not started here, or it has expired. Sign in again.');
    const pending = session.pending;
    await this.sessions.setPending(session, null);
    try {
      const query = request.originalUrl.includes('?') ? request.originalUrl.slice(request.originalUrl.indexOf('?')) : '';
      const principal = await this.oidc.finish(query, pending);
      await this.signIn(request, response, principal, 'oidc');
    } catch (error) {
      if (error instanceof TokenRejected) throw new DomainError('SIGN_IN_FAILED', `Sign-in refused: ${error.reason}`);
      throw error;
    }
  }

  /**
   * Signing out ends the session here; a single sign-on session is then ended at the identity
   * provider too (RP-initiated logout), which sends the browser back to the ledger's home.
   * Where the provider has no end-session endpoint, or cannot be reached, the browser comes home at once.
   */
  @Post('sign-out')
  @Public()
  async signOut(@Req() request: Request, @Res() response: Response): Promise<void> {
    const session = webSessionOf(request);
    if (session) await this.sessions.destroy(session.id);
    this.cookies.clearCookie(response);
    const atProvider = session?.signedInVia === 'oidc' ? await this.oidc.signOutUrl() : undefined;
    response.redirect(303, atProvider ?? '/');
  }

  /** A new session (new id, new form token) for the signed-in user: the anonymous one is dropped. */
  private async signIn(request: Request, response: Response, principal: Principal, via: SignInMethod): Promise<void> {
    const session = await this.sessions.rotate(webSessionOf(request) ?? undefined, principal, via);
    this.cookies.setCookie(request, response, session);
    response.redirect(303, '/');
  }
}
