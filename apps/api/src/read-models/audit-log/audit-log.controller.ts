import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@app/auth';
import { DomainError } from '@app/domain';
import { AuditLogQueryDto } from './audit-log.dto';
import { AuditLogQuery } from './audit-log.query';

const EXAMPLE = {
  items: [
    {
      kind: 'event',
      position: 121,
      eventId: '3f0c1a52-9d0e-4f5b-8a43-1d2e3f4a5b6c',
      streamId: 'case-2016-17-B51',
      revision: 1,
      type: 'CspPlanSubmitted',
      schemaVersion: 1,
      actor: { id: 'csp.blaby', role: 'csp', locality: 'blaby' },
      locality: 'blaby',
      caseId: '2016-17-B51',
      occurredAt: '2016-01-12T00:00:00+00:00',
      occurredOn: '2016-01-12',
      recordedAt: '2016-01-12T10:31:07.512Z',
      correlationId: 'c0ffee00-0000-4000-8000-000000000001',
      causationId: '7d1f4c1e-2b4a-4c1d-9e8f-0a1b2c3d4e5f',
    },
  ],
  nextAfter: 121,
};

const BAD_REQUEST = {
  type: 'https://commissioning-ledger.org.uk/problems/validation-failed',
  title: 'Validation failed',
  status: 400,
  code: 'VALIDATION_FAILED',
  detail: 'from: from must be a real date written YYYY-MM-DD (Europe/London business date)',
  errors: [{ field: 'from', reason: 'from must be a real date written YYYY-MM-DD (Europe/London business date)' }],
};

@ApiTags('audit')
@Roles('opcc-staff', 'auditor', 'admin')
@Controller('audit-log')
export class AuditLogController {
  constructor(private readonly log: AuditLogQuery) {}

  @Get()
  @ApiOperation({
    summary: 'The event log in log order, filtered, with who, when and why',
    description:
      'From the audit-log read model. Filters combine (AND); from/to are inclusive business dates of occurredAt in ' +
      'Europe/London. Pages are keyset: pass the previous nextAfter as after; nextAfter is null on the last page.',
  })
  @ApiOkResponse({ description: 'A page of events', content: { 'application/json': { example: EXAMPLE } } })
  @ApiBadRequestResponse({ description: 'A malformed filter, named (problem+json)', content: { 'application/problem+json': { example: BAD_REQUEST } } })
  async list(@Query() query: AuditLogQueryDto) {
    if (query.from && query.to && query.to < query.from) throw DomainError.field('VALIDATION_FAILED', 'to', `must not be before from (${query.from})`);
    const { limit = 50, after = 0, ...filter } = query;
    return this.log.page(filter, after, limit);
  }
}
