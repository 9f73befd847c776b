import { applyDecorators, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { commandAtPath, type Grant, Roles } from '@app/auth';

/**
 * POST /cases/:caseId/payments/<path>, answering 200 with the case's new revision as ETag,
 * like every other command on a case. Who may give it: CASE_COMMAND_ACCESS, the table the
 * web app's case page reads too.
 */
export function PaymentCommand(path: string, summary: string): MethodDecorator {
  const access = commandAtPath(`payments/${path}`);
  if (!access) throw new Error(`POST /cases/:caseId/payments/${path} is not in CASE_COMMAND_ACCESS`);
  return applyDecorators(
    Roles(...(access.grants as [Grant, ...Grant[]])),
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
