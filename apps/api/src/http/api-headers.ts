import type { ApiHeaderOptions } from '@nestjs/swagger';

/** Who acts is never a header: it is the bearer token's (see @Roles in @app/auth). */
export const COMMAND_HEADERS: ApiHeaderOptions[] = [
  { name: 'If-Match', required: false, description: 'The case ETag last seen; a different current revision is refused with 409', example: '"3"' },
  { name: 'Idempotency-Key', required: false, description: 'Retrying with the same key returns the first result and appends nothing', example: 'a2c4e6-retry-safe' },
  { name: 'X-Correlation-Id', required: false, description: 'Ties the events of one piece of work together', example: 'c0ffee00-0000-4000-8000-000000000001' },
];
