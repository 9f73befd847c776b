import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Inject, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Roles } from '@app/auth';
import { AUDIT_LOG, type AuditLog, exportLines, parseExportFilter, selectEvents } from '@app/audit';
import { ExportQueryDto } from './audit-query.dto';

const CONTENT_TYPE = { jsonl: 'application/x-ndjson; charset=utf-8', csv: 'text/csv; charset=utf-8' } as const;

@ApiTags('audit')
@Roles('auditor', 'admin')
@Controller('audit')
export class AuditExportController {
  private readonly logger = new Logger('AuditExport');

  constructor(@Inject(AUDIT_LOG) private readonly log: AuditLog) {}

  @Get('export')
  @ApiOperation({
    summary: 'Export the log, streamed: JSONL (one stored event a line, hashes included) or CSV (RFC 4180)',
    description: 'The same selection as `npm run cli -- export`: a stream, a locality, a date range, or any mix; the whole log by default.',
  })
  @ApiProduces('application/x-ndjson', 'text/csv')
  async export(@Query() query: ExportQueryDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    const filter = parseExportFilter(query);
    const format = query.format ?? (request.accepts(['application/x-ndjson', 'text/csv']) === 'text/csv' ? 'csv' : 'jsonl');
    response.status(200);
    response.vary('Accept');
    response.setHeader('Content-Type', CONTENT_TYPE[format]);
    response.setHeader('Content-Disposition', `attachment; filename="ledger-export.${format}"`);
    try {
      await pipeline(Readable.from(exportLines(selectEvents(this.log, filter), format)), response);
    } catch (error) {
      // The status line is gone: all that can be done is to cut the body short and say why here.
      this.logger.error(`Export cut short: ${error instanceof Error ? error.message : String(error)}`);
      response.destroy();
    }
  }
}
