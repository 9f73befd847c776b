import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { cspNonce } from '../web/views/page';

/** Pages people open in a browser (Swagger UI, Bull Board) rather than JSON a client reads. */
const BROWSER_PAGES = /^\/(docs|admin)(\/|$)/;
/** The web app: its home at / and every page under /app. */
const WEB_PAGES = /^\/(app(\/|$)|$)/;

/**
 * Helmet's headers everywhere. Its default Content-Security-Policy suits the JSON API;
 * the browser pages keep it too, less upgrade-insecure-requests, which would make a
 * browser fetch their scripts over https from a server that only speaks http (a ledger
 * on an internal network, or localhost). The web app's pages allow their own scripts and
 * the one inline script of the GOV.UK template, by a nonce per response, and send a form
 * on to the identity provider (signing out of single sign-on) when one is configured.
 */
export function securityHeaders(identityProvider?: string): (request: Request, response: Response, next: NextFunction) => void {
  // Signing out of single sign-on is a form whose answer sends the browser on to the identity provider.
  const formAction = ["'self'", ...(identityProvider ? [new URL(identityProvider).origin] : [])];
  const api = helmet();
  const pages = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  const web = helmet({
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: null,
        formAction,
        scriptSrc: ["'self'", (_request: IncomingMessage, response: ServerResponse) => `'nonce-${cspNonce(response as Response)}'`],
      },
    },
  });
  return (request, response, next) => (WEB_PAGES.test(request.path) ? web : BROWSER_PAGES.test(request.path) ? pages : api)(request, response, next);
}
