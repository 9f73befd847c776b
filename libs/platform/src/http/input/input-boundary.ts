import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { JSON_MEDIA_TYPE, mediaTypeOf } from './accepts-body';
import { INPUT_LIMITS } from './input-limits';
import { invalid } from './input-refused';
import { checkJsonBytes } from './json-text';
import { refusalInJson } from './json-value';
import { refusalInHeaders, refusalInPath, refusalInQuery } from './request-lines';

type Middleware = (request: Request, response: Response, next: NextFunction) => void;

/**
 * The input boundary, in the order a request meets it:
 * 1. `requestLineBoundary`: headers the API reads, the path and the query string;
 * 2. the JSON body parser with `jsonBodyOptions`: application/json only, UTF-8, bounded in
 *    size and depth before it is parsed;
 * 3. `jsonBodyBoundary`: the parsed value (keys, text, numbers);
 * 4. `MediaTypeGuard` (accepts-body.ts): a body the route does not take is 415;
 * 5. the validation pipe: each field's own form, from its DTO.
 * Everything refused is problem+json naming the field, before any handler runs.
 */
export function requestLineBoundary(): Middleware {
  return (request, _response, next) => {
    const found = refusalInHeaders(request.headers) ?? refusalInPath(request.originalUrl) ?? refusalInQuery(request.originalUrl);
    next(found ? invalid(found.field, found.reason) : undefined);
  };
}

export const jsonBodyOptions = {
  type: JSON_MEDIA_TYPE,
  limit: INPUT_LIMITS.bodyBytes,
  strict: true,
  verify: (request: IncomingMessage, _response: unknown, body: Buffer) => checkJsonBytes(body, charsetOf(request)),
};

export function jsonBodyBoundary(): Middleware {
  return (request, _response, next) => {
    if (request.body === undefined || mediaTypeOf(request) !== JSON_MEDIA_TYPE) return next();
    if (typeof request.body !== 'object' || request.body === null || Array.isArray(request.body)) {
      return next(invalid('(body)', 'must be a JSON object'));
    }
    const found = refusalInJson(request.body);
    next(found ? invalid(found.field, found.reason) : undefined);
  };
}

function charsetOf(request: IncomingMessage): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(request.headers['content-type'] ?? '');
  return match?.[1];
}
