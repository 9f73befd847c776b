import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { type Grant, Roles } from '@app/auth';

const STAFF: readonly Grant[] = ['opcc-staff', 'admin'];

/**
 * POST /cases/:caseId/payments/<path>, answering 200 with the case's new revision as ETag,
 * like every other command on a case. Staff by default; a CSP only where `grants` says.
 */
export function PaymentCommand(path: string, summary: string, grants: readonly Grant[] = STAFF): MethodDecorator {
  return applyDecorators(
    Roles(...(grants as [Grant, ...Grant[]])),
    Post(`:caseId/payments/${path}`),
    HttpCode(200),
    ApiOperation({ summary }),
    ApiOkResponse({
      description: 'Appended (or, for a retried Idempotency-Key, replayed with `Idempotent-Replayed: true`). ETag: the case revision.',
      content: {
        'application/json': {
          example: {
            caseId: '2016-17-B05',
            stage: 'active',
            streamId: 'case-2016-17-B05',
            revision: 6,
            replayed: false,
            events: [{ type: 'ClaimApproved', revision: 6, globalPosition: 1311 }],
          },
        },
      },
    }),
  );
}
