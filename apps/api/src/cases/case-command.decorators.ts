import { applyDecorators, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CASE_COMMAND_ACCESS, commandAtPath, type Grant, Roles } from '@app/auth';
import { COMMAND_HEADERS } from '../http/api-headers';

const problem = (example: Record<string, unknown>) => ({
  'application/problem+json': {
    schema: {
      type: 'object',
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        code: { type: 'string' },
        instance: { type: 'string' },
        errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } } },
      },
    },
    example,
  },
});

const COMMAND_RESULT = {
  schema: {
    type: 'object',
    properties: {
      caseId: { type: 'string' },
      stage: { type: 'string', nullable: true },
      streamId: { type: 'string' },
      revision: { type: 'integer' },
      replayed: { type: 'boolean' },
      events: {
        type: 'array',
        items: { type: 'object', properties: { type: { type: 'string' }, revision: { type: 'integer' }, globalPosition: { type: 'integer' } } },
      },
    },
  },
  example: {
    caseId: '2016-17-B55',
    stage: 'plan-submitted',
    streamId: 'case-2016-17-B55',
    revision: 1,
    replayed: false,
    events: [{ type: 'CspPlanSubmitted', revision: 1, globalPosition: 1207 }],
  },
};

/**
 * A controller of commands on an existing case, under /cases/:caseId/…; each command's
 * roles come from CASE_COMMAND_ACCESS (@app/auth), for OPCC staff and admins by default.
 */
export function CaseCommandController(tag: string): ClassDecorator {
  return applyDecorators(
    ApiTags(tag),
    ...COMMAND_HEADERS.map((header) => ApiHeader(header)),
    Roles('opcc-staff', 'admin'),
    ApiBadRequestResponse({
      description: 'The body, a header or the case id is malformed; `errors[]` names each field. Nothing is appended.',
      content: problem({
        type: 'https://commissioning-ledger.org.uk/problems/validation-failed',
        title: 'Validation failed',
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: 'budgetLines[0].pence: pence must be an integer number',
        errors: [{ field: 'budgetLines[0].pence', reason: 'pence must be an integer number' }],
      }),
    }),
    ApiNotFoundResponse({ description: 'No such case', content: problem({ title: 'Not found', status: 404, code: 'NOT_FOUND' }) }),
    ApiConflictResponse({
      description: 'If-Match named a revision other than the current one. Nothing is appended.',
      content: problem({ title: 'Wrong expected revision', status: 409, code: 'WRONG_EXPECTED_REVISION' }),
    }),
    ApiUnprocessableEntityResponse({
      description: "The case's workflow refuses the command (wrong stage, a guard such as DEADLINE_PASSED). Nothing is appended.",
      content: problem({
        title: 'Plan exceeds allocation',
        status: 422,
        code: 'PLAN_EXCEEDS_ALLOCATION',
        detail: "budgetLines: total £31,000.00 exceeds the locality's allocation of £29,700.00",
        errors: [{ field: 'budgetLines', reason: "total £31,000.00 exceeds the locality's allocation of £29,700.00" }],
      }),
    }),
    Controller('cases'),
  );
}

/**
 * POST /cases/:caseId/<path>. Every command on an existing case answers 200 with the case's
 * new revision as ETag (201 is kept for the commands that open a case, in CasesController):
 * the case already has its URL, and a command changes it.
 */
export function CaseCommand(path: string, summary: string): MethodDecorator {
  const access = commandAtPath(path);
  if (!access) throw new Error(`POST /cases/:caseId/${path} is not in CASE_COMMAND_ACCESS (${Object.keys(CASE_COMMAND_ACCESS).length} commands)`);
  return applyDecorators(
    // Who may give it: the one table the web app's case page reads too.
    Roles(...(access.grants as [Grant, ...Grant[]])),
    Post(`:caseId/${path}`),
    HttpCode(200),
    ApiOperation({ summary }),
    ApiOkResponse({
      description: 'Appended (or, for a retried Idempotency-Key, replayed with `Idempotent-Replayed: true`). ETag: the case revision.',
      content: { 'application/json': COMMAND_RESULT },
    }),
  );
}
