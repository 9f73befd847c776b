import { ForbiddenException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { problemType } from '@app/platform';

/** 401: who is calling is not known. The problem names the Authorization header, as a field. */
export const unauthenticated = (reason: string) =>
  new UnauthorizedException({
    type: problemType('UNAUTHENTICATED'),
    title: 'Unauthenticated',
    status: 401,
    code: 'UNAUTHENTICATED',
    detail: `Authorization: ${reason}`,
    errors: [{ field: 'Authorization', reason }],
  });

/** 403: the caller is known and may not do this. */
export const forbidden = (reason: string) =>
  new ForbiddenException({ type: problemType('FORBIDDEN'), title: 'Forbidden', status: 403, code: 'FORBIDDEN', detail: reason });

/** 503: tokens cannot be checked just now (the identity provider's keys are out of reach). */
export const keysUnavailable = () =>
  new ServiceUnavailableException({
    type: problemType('TOKEN_KEYS_UNAVAILABLE'),
    title: 'Token keys unavailable',
    status: 503,
    code: 'TOKEN_KEYS_UNAVAILABLE',
    detail: "Bearer tokens cannot be checked just now: the identity provider's keys are out of reach. Try again shortly.",
  });

/** 401 on a web page: nobody is signed in (or the session has ended); the page sends them to sign in. */
export const signInNeeded = () =>
  new UnauthorizedException({
    type: problemType('SIGN_IN_NEEDED'),
    title: 'Sign in needed',
    status: 401,
    code: 'SIGN_IN_NEEDED',
    detail: 'Sign in to see this page; a session ends after a while without use.',
  });
