import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** Pages people open in a browser (Swagger UI, Bull Board) rather than JSON a client reads. */
const BROWSER_PAGES = /^\/(docs|admin)(\/|$)/;

/**
 * Helmet's headers everywhere. Its default Content-Security-Policy suits the JSON API;
 * the browser pages keep it too, less upgrade-insecure-requests, which would make a
 * browser fetch their scripts over https from a server that only speaks http (a ledger
 * on an internal network, or localhost).
 */
export function securityHeaders(): (request: Request, response: Response, next: NextFunction) => void {
  const api = helmet();
  const pages = helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  return (request, response, next) => (BROWSER_PAGES.test(request.path) ? pages : api)(request, response, next);
}
