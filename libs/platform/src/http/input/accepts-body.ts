import { applyDecorators, type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiConsumes } from '@nestjs/swagger';
import type { Request } from 'express';
import { unsupportedMediaType } from './input-refused';

export const JSON_MEDIA_TYPE = 'application/json';
export const FORM_MEDIA_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'] as const;
const ACCEPTS_BODY = 'commissioning-ledger:accepts-body';

/**
 * The one exception to "a body is JSON": a route (or controller) declares the media types
 * it takes instead, e.g. `@AcceptsBody('multipart/form-data')` on an upload. The
 * declaration is also the route's OpenAPI `requestBody` content types.
 */
export const AcceptsBody = (...mediaTypes: string[]) =>
  applyDecorators(SetMetadata(ACCEPTS_BODY, mediaTypes.map((type) => type.toLowerCase())), ApiConsumes(...mediaTypes));

/**
 * The server-rendered pages (`/`, `/app/…`) are HTML forms a browser posts: they take form
 * bodies, each with its CSRF token, as well as JSON. Everything else is the JSON API.
 */
export const WEB_FORM_PATHS = /^\/(?:app(?:\/|$)|$)/;

/** What a route takes: its declaration, else by where it lives. */
export function acceptedMediaTypes(path: string, declared: readonly string[] | undefined): readonly string[] {
  if (declared) return declared;
  return WEB_FORM_PATHS.test(path) ? [JSON_MEDIA_TYPE, ...FORM_MEDIA_TYPES] : [JSON_MEDIA_TYPE];
}

/** Whether the request carries a body at all (RFC 9110 §6.4: a length or a transfer coding). */
export function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** `application/json; charset=utf-8` → `application/json`. */
export function mediaTypeOf(request: Request): string | undefined {
  const header = request.headers['content-type'];
  const essence = header?.split(';')[0].trim().toLowerCase();
  return essence || undefined;
}

/**
 * Refuses a body of a media type the route does not take with 415, before access checks,
 * pipes or the handler: a form or text/plain body never reaches a JSON command (a
 * cross-site form post cannot act on the API).
 */
@Injectable()
export class MediaTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!hasBody(request)) return true;
    const declared = this.reflector.getAllAndOverride<string[] | undefined>(ACCEPTS_BODY, [context.getHandler(), context.getClass()]);
    const accepted = acceptedMediaTypes(request.path, declared);
    const type = mediaTypeOf(request);
    if (!type) throw unsupportedMediaType(`a request body needs a Content-Type: ${accepted.join(' or ')}`);
    if (!accepted.includes(type)) throw unsupportedMediaType(`${type} is not accepted here: send ${accepted.join(' or ')}`);
    return true;
  }
}
