import type { NextFunction, Request, Response } from 'express';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { problemType } from '@app/platform';

const WINDOW_MS = 60_000;

/**
 * RATE_LIMIT_PER_MINUTE is what one client (by IP address) may ask of the whole server:
 * every path, known or not, the API's routes, /admin/queues and the pages alike. It is
 * Express middleware mounted before anything else, so a client probing unknown routes or
 * guessing tokens is slowed like any other; the counts live in the throttler's storage.
 */
export function rateLimit(storage: ThrottlerStorage, limit: number) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const tracker = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    storage
      .increment(`client:${tracker}`, WINDOW_MS, limit, WINDOW_MS, 'default')
      .then(({ isBlocked, timeToBlockExpire, timeToExpire, totalHits }) => {
        response.setHeader('RateLimit-Limit', String(limit));
        response.setHeader('RateLimit-Remaining', String(Math.max(0, limit - totalHits)));
        if (!isBlocked) return next();
        const seconds = Math.max(1, Math.ceil(timeToBlockExpire || timeToExpire));
        response.setHeader('Retry-After', String(seconds));
        response.status(429).type('application/problem+json').json({
          type: problemType('TOO_MANY_REQUESTS'),
          title: 'Too many requests',
          status: 429,
          code: 'TOO_MANY_REQUESTS',
          detail: `More than ${limit} requests a minute from this client; try again in ${seconds} s.`,
          instance: request.originalUrl,
        });
      })
      .catch(next);
  };
}
