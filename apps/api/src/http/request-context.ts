import { createHash, randomUUID } from 'node:crypto';
import { BadRequestException, InternalServerErrorException } from '@nestjs/common';
import type { Request } from 'express';
import { callerOf } from '@app/auth';
import { businessDateOf, isBusinessDate } from '@app/domain';
import { canonicalJson } from '@app/event-store';
import { Clock, type CommandContext, occurredAtFor, problemType } from '@app/platform';

const header = (request: Request, name: string): string | undefined => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

const badHeader = (name: string, reason: string) =>
  new BadRequestException({
    type: problemType('VALIDATION_FAILED'),
    title: 'Validation failed',
    status: 400,
    code: 'VALIDATION_FAILED',
    detail: `${name}: ${reason}`,
    errors: [{ field: name, reason }],
  });

/** `If-Match: "3"` (or W/"3", or 3) → 3. */
export function parseIfMatch(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(?:W\/)?"?(-?\d+)"?$/.exec(value.trim());
  if (!match) throw badHeader('If-Match', 'must be the ETag of the case, e.g. "3"');
  return Number(match[1]);
}

/** The business date of the request: the body's `on`, or today in Europe/London. */
export function businessDateFor(request: Request, clock: Clock): string {
  const on = (request.body as { on?: unknown } | undefined)?.on;
  return isBusinessDate(on) ? on : businessDateOf(clock.now());
}

/**
 * Who, why and when, from the request. The actor is the caller the access guard admitted,
 * from the bearer token alone; correlation from X-Correlation-Id (or a new one); each
 * request is the cause of what it appends.
 */
export function commandContextFrom(request: Request, clock: Clock): CommandContext {
  const caller = callerOf(request);
  // The guard admits every command route with a caller; none here means a route left @Public by mistake.
  if (!caller) throw new InternalServerErrorException('No authenticated caller on a command route');
  // Its form (and X-Correlation-Id's) was checked at the input boundary.
  const idempotencyKey = header(request, 'Idempotency-Key');
  return {
    actor: { id: caller.id, role: caller.role, ...(caller.locality ? { locality: caller.locality } : {}) },
    correlationId: header(request, 'X-Correlation-Id') ?? randomUUID(),
    causationId: randomUUID(),
    occurredAt: occurredAtFor(businessDateFor(request, clock), clock.now()),
    expectedRevision: parseIfMatch(header(request, 'If-Match')),
    idempotencyKey,
    requestFingerprint: requestFingerprint(request, caller.id),
  };
}

/**
 * What an Idempotency-Key is bound to: the caller, the method, the path and the body. A
 * retry matches it exactly; the same key sent by someone else or with another body does not.
 */
export function requestFingerprint(request: Request, callerId: string): string {
  return createHash('sha256')
    .update(`${callerId}\n${request.method} ${request.path}\n${canonicalJson(request.body ?? {}, 'body')}`)
    .digest('hex');
}

/**
 * Under an Idempotency-Key, what a new case's id is derived from when the caller names
 * none: the key alone, so every retry of one opening reaches the same case, and the same
 * key from another caller or with another body reaches it too and is refused there.
 */
export function openingSeed(request: Request): string | undefined {
  const key = header(request, 'Idempotency-Key');
  return key === undefined ? undefined : createHash('sha256').update(`case-opening\n${key}`).digest('hex');
}
