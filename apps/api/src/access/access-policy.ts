import { Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type AccessRule, type Caller, commandForPath, type Grant, grantsOfRule, isNoLocalityFilter, type Principal, roleOf, setCaller, TokenKeysUnavailable, TokenRejected, TokenVerifier } from '@app/auth';
import { CaseService } from '@app/commissioning';
import { AppConfig } from '@app/config';
import { webSessionOf } from '../web/sessions/web-session';
import { forbidden, keysUnavailable, signInNeeded, unauthenticated } from './access-refusals';

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/-]+=*)[ \t]*$/i;

/**
 * Who may call what, decided in one place for every route: the token is verified, one of
 * its roles must be a grant of the route, and a CSP user is held to its own locality.
 * Runs before pipes and handlers, so a refused call appends nothing; every refusal is
 * logged with the method, path, actor, role and reason.
 */
@Injectable()
export class AccessPolicy {
  private readonly logger = new Logger('Access');

  constructor(
    private readonly verifier: TokenVerifier,
    private readonly cases: CaseService,
    private readonly config: AppConfig,
  ) {}

  /** Admits the request (recording the caller on it) or throws 401/403/503. No rule at all: refused. */
  async admit(request: Request, response: Response, rule: AccessRule | undefined): Promise<void> {
    if (rule && 'public' in rule) return;
    const principal = await this.authenticate(request, response);
    const grants = rule && 'commandAtParam' in rule ? this.grantsOfCommand(request, principal, rule.commandAtParam) : rule && grantsOfRule(rule, this.config);
    if (!grants) {
      // A programming error, not the caller's: say so loudly, and still refuse.
      this.logger.error(`${request.method} ${pathOf(request)} declares no access rule (@Roles or @Public): refused to everyone`);
      throw this.refuse(request, principal, 'this route is not open to any role');
    }
    const grant = grantFor(principal, grants);
    if (!grant) {
      const roles = principal.roles.length ? `role ${principal.roles.join(', ')}` : 'a token with no role of this ledger';
      throw this.refuse(request, principal, `${roles} may not call ${request.method} ${routeOf(request)}`);
    }
    if (grant === 'csp:own-case') await this.holdToOwnCase(request, principal);
    if (grant === 'csp:own-locality') this.holdToOwnLocality(request, principal);
    const role = roleOf(grant);
    const caller: Caller = { id: principal.id, role, ...(role === 'csp' ? { locality: principal.locality } : {}) };
    setCaller(request, caller);
  }

  /** The grants of the case command a route parameter names; a name that is no command is refused. */
  private grantsOfCommand(request: Request, principal: Principal, param: string): readonly Grant[] {
    // A wildcard parameter (checkpoints/due-diligence, payments/claims/c-1/approval) arrives as its segments.
    const raw: unknown = request.params?.[param];
    const named = Array.isArray(raw) ? raw.join('/') : raw;
    const access = typeof named === 'string' ? commandForPath(named) : undefined;
    if (!access) throw this.refuse(request, principal, `"${String(named)}" is not a command a person gives on a case`);
    return access.grants;
  }

  /** The web app's pages are signed in by their session cookie; the JSON API by a bearer token only. */
  private async authenticate(request: Request, response: Response): Promise<Principal> {
    const session = webSessionOf(request);
    if (session !== undefined) {
      if (!session?.principal) throw signInNeeded();
      return session.principal;
    }
    const header = request.headers.authorization;
    const token = header === undefined ? undefined : BEARER.exec(header)?.[1];
    try {
      if (header === undefined) throw new TokenRejected('no bearer token: send Authorization: Bearer <token>');
      if (token === undefined) throw new TokenRejected('the Authorization header is not "Bearer <token>"');
      return await this.verifier.verify(token);
    } catch (error) {
      if (error instanceof TokenKeysUnavailable) {
        this.logger.error(`${request.method} ${pathOf(request)}: ${error.message}`);
        throw keysUnavailable();
      }
      if (!(error instanceof TokenRejected)) throw error;
      // RFC 6750: a 401 names the scheme, and invalid_token when a token was sent.
      response.setHeader('WWW-Authenticate', `Bearer realm="commissioning-ledger"${token ? ', error="invalid_token"' : ''}`);
      this.log(request, undefined, error.reason);
      throw unauthenticated(error.reason);
    }
  }

  /** The route's :caseId must be a case of the user's locality (its profile says which, after any merger). */
  private async holdToOwnCase(request: Request, principal: Principal): Promise<void> {
    const caseId = request.params?.caseId;
    if (typeof caseId !== 'string') {
      this.logger.error(`${request.method} ${pathOf(request)} grants csp:own-case but has no :caseId`);
      throw this.refuse(request, principal, 'this route cannot be scoped to a locality');
    }
    const profile = await this.cases.profileOf(caseId);
    if (profile.locality !== principal.locality) {
      throw this.refuse(request, principal, `case ${caseId} is not a case of your locality (${principal.locality})`);
    }
  }

  /**
   * The query's locality filter is forced to the user's own; asking for another is refused.
   * An empty filter (`?locality=`) asks for none, so it is the user's own too.
   * Express 5 re-parses req.query from the URL on every read, so the forced copy shadows it
   * on this request for the validation pipe and the handler.
   */
  private holdToOwnLocality(request: Request, principal: Principal): void {
    const asked = request.query.locality;
    if (!isNoLocalityFilter(asked) && asked !== principal.locality) {
      throw this.refuse(request, principal, `a CSP user sees only its own locality (${principal.locality})`);
    }
    const query = { ...request.query, locality: principal.locality };
    Object.defineProperty(request, 'query', { value: query, configurable: true, enumerable: true, writable: true });
  }

  private refuse(request: Request, principal: Principal, reason: string) {
    this.log(request, principal, reason);
    return forbidden(reason);
  }

  private log(request: Request, principal: Principal | undefined, reason: string): void {
    const role = principal ? principal.roles.join('+') || 'none' : 'none';
    const locality = principal?.locality ? ` (${principal.locality})` : '';
    this.logger.warn(`Refused ${request.method} ${pathOf(request)}: actor ${principal?.id ?? 'unknown'}, role ${role}${locality}: ${reason}`);
  }
}

/** The first unscoped grant the caller's roles meet, else a CSP grant: a scope is only checked when nothing wider applies. */
function grantFor(principal: Principal, grants: readonly Grant[]): Grant | undefined {
  const met = grants.filter((grant) => principal.roles.includes(roleOf(grant)));
  return met.find((grant) => !grant.startsWith('csp:')) ?? met[0];
}

/** The path without its query string, which may carry what does not belong in a log. */
const pathOf = (request: Request): string => request.originalUrl.split('?')[0];

/** The route's pattern (POST /cases/:caseId/plan) where Nest knows it, else the path. */
const routeOf = (request: Request): string => (request.route as { path?: string } | undefined)?.path ?? pathOf(request);
