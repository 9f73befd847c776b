import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { actualsAsOf, anchorIfAny, AUDIT_LOG, type AuditLog, budgetAsOf, caseAsOf, caseHistory, describeAsOf, parseAsOf, sealAnchorFile, SealStore, verifyLog } from '@app/audit';
import { AppConfig } from '@app/config';
import { Roles } from '@app/auth';
import { DocumentBlobs, verifyDocuments, withDocuments } from '@app/documents';
import { CaseIdPipe, FinancialYearPipe } from '@app/platform';
import { AsOfQueryDto } from './audit-query.dto';
import { presentCaseAsOf } from './case-as-of.presenter';

/** The auditor's tools; OPCC staff read the audit log read model (GET /audit-log) instead. */
@ApiTags('audit')
@Roles('auditor', 'admin')
@Controller('audit')
export class AuditController {
  constructor(
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
    private readonly seals: SealStore,
    private readonly config: AppConfig,
    private readonly blobs: DocumentBlobs,
  ) {}

  @Get('verify')
  @ApiOperation({
    summary: 'Tamper check: every stream’s hash chain and every seal of the global order',
    description:
      'The same report as `npm run cli -- verify`. firstBroken is the lowest broken global position with its stream, ' +
      'revision and reason (a broken seal is placed at the first position it vouches for; a stored document that no longer matches its hash, at its DocumentAttached event). unsealedTail counts the events ' +
      'after the last seal, which only their stream chains vouch for so far. Each seal’s Ed25519 signature is checked with ' +
      'the seal key, and the log against the anchor the sealing step keeps (fewer seals, a rewritten chain or deleted ' +
      'events since are findings); warnings name what is not vouched for as it should be.',
  })
  async verify() {
    const report = await verifyLog(this.log, this.seals, { key: this.seals.key, anchor: anchorIfAny(sealAnchorFile(this.config)) });
    return withDocuments(report, await verifyDocuments(this.log, this.blobs));
  }

  @Get('cases/:caseId/history')
  @ApiOperation({ summary: 'Every event of a case with its full envelope: metadata, global position, previous hash, hash; and the chain recomputed' })
  history(@Param('caseId', CaseIdPipe) caseId: string) {
    return caseHistory(this.log, caseId);
  }

  @Get('cases/:caseId')
  @ApiOperation({
    summary: 'A case as it stood at a date-time',
    description: 'The case’s events up to the first one after the instant, folded by the domain’s own evolve. See basis.',
  })
  async caseAsOf(@Param('caseId', CaseIdPipe) caseId: string, @Query() query: AsOfQueryDto) {
    return presentCaseAsOf(await caseAsOf(this.log, caseId, parseAsOf(query.asOf, query.basis)));
  }

  @Get('frameworks/:year/budget')
  @ApiOperation({
    summary: "A year's budget as it stood at a date-time",
    description: 'The budget read model’s own fold over the global log up to the instant (each stream up to its first event after it), in the shape of GET /frameworks/{year}/budget.',
  })
  async budgetAsOf(@Param('year', FinancialYearPipe) year: string, @Query() query: AsOfQueryDto) {
    const asOf = parseAsOf(query.asOf, query.basis);
    return { asOf: describeAsOf(asOf), ...(await budgetAsOf(this.log, year, asOf)) };
  }

  @Get('frameworks/:year/actuals')
  @ApiOperation({
    summary: "A year's actual spend as it stood at a date-time: what had been paid by then",
    description: 'The actuals read model’s own fold over the global log up to the instant, in the shape of GET /frameworks/{year}/actuals; due and forecast are judged on that instant’s business date.',
  })
  async actualsAsOf(@Param('year', FinancialYearPipe) year: string, @Query() query: AsOfQueryDto) {
    const asOf = parseAsOf(query.asOf, query.basis);
    return { asOf: describeAsOf(asOf), ...(await actualsAsOf(this.log, year, asOf)) };
  }
}
