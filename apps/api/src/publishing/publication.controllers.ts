import { Controller, Get, type Type, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { parseAsOf } from '@app/audit';
import { Public, Roles } from '@app/auth';
import { AppConfig } from '@app/config';
import { DomainError } from '@app/domain';
import { PublishingService, type TransparencyList, type YearHistory } from '@app/publishing';
import { PublicationQueryDto } from './publication-query.dto';
import {
  CONTRACTS_CSV_EXAMPLE,
  GRANTS_CSV_EXAMPLE,
  LIST_JSON_EXAMPLE,
  OCDS_RECORDS_EXAMPLE,
  OCDS_RELEASES_EXAMPLE,
  SPEND_CSV_EXAMPLE,
  SPEND_JSON_EXAMPLE,
  THREE_SIXTY_GIVING_EXAMPLE,
} from './publication.examples';

const problem = (status: number, code: string, detail: string, errors?: { field: string; reason: string }[]) => ({
  'application/problem+json': {
    example: { type: `https://commissioning-ledger.org.uk/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: code, status, code, detail, ...(errors ? { errors } : {}) },
  },
});
const NOT_FOUND = { description: 'No framework had been imported for the year (as of the date asked)', content: problem(404, 'NOT_FOUND', 'No framework had been imported for 2016-17 as of 2015-10-01T22:59:59.999Z (recorded)') };
const BAD_QUERY = { description: 'A malformed year, date or basis', content: problem(400, 'VALIDATION_FAILED', 'asOf: must be a date (YYYY-MM-DD, …)', [{ field: 'asOf', reason: 'must be a date (YYYY-MM-DD, the whole day in Europe/London) or a date-time with Z or an offset' }]) };
const INVALID = {
  description: 'The document failed its standard’s schema: refused, never published, with the failing paths',
  content: problem(422, 'PUBLICATION_INVALID', 'The 360Giving grant package was not published: grants[3].recipientOrganization[0].name is required', [{ field: 'grants[3].recipientOrganization[0].name', reason: 'is required' }]),
};
const ASOF = 'Made from one fold of the log: as it stands now, or as of `asOf` (by `basis`), with the audit’s own as-of.';

/**
 * The publications under one path: /publish for OPCC staff and auditors, and the same under
 * /open-data for anyone once PUBLISH_OPEN=true (otherwise those answer 404). Controllers hold
 * no rule: the documents come whole from libs/publishing.
 */
function publicationController(path: 'publish' | 'open-data'): Type<unknown> {
  const open = path === 'open-data';
  const access = open ? Public() : Roles('opcc-staff', 'auditor', 'admin');
  const audience = open ? ' Served without a token when PUBLISH_OPEN=true; otherwise 404.' : '';

  @ApiTags('publishing')
  @access
  @Controller(path)
  class PublicationController {
    constructor(
      private readonly publishing: PublishingService,
      private readonly config: AppConfig,
    ) {}

    @Get('360giving')
    @ApiOperation({ summary: 'The year’s grants as a 360Giving Data Standard 1.4 package', description: `Every PLF agreement and PCC grant, and any mechanism the framework marks as a grant. ${ASOF}${audience}` })
    @ApiOkResponse({ description: 'A 360Giving grant package, valid against the project’s 360Giving schema', content: { 'application/json': { example: THREE_SIXTY_GIVING_EXAMPLE } } })
    async threeSixtyGiving(@Query() query: PublicationQueryDto) {
      return this.publishing.threeSixtyGiving(await this.history(query));
    }

    @Get('ocds/releases')
    @ApiOperation({ summary: 'The year’s contracting processes as an OCDS 1.1 release package', description: `A release per decision of each case, ids from the log’s event ids. ${ASOF}${audience}` })
    @ApiOkResponse({ description: 'An OCDS release package', content: { 'application/json': { example: OCDS_RELEASES_EXAMPLE } } })
    async ocdsReleases(@Query() query: PublicationQueryDto) {
      return this.publishing.ocdsReleases(await this.history(query));
    }

    @Get('ocds/records')
    @ApiOperation({ summary: 'The year’s contracting processes as an OCDS 1.1 record package', description: `One record per case: its releases and their compiled release. ${ASOF}${audience}` })
    @ApiOkResponse({ description: 'An OCDS record package', content: { 'application/json': { example: OCDS_RECORDS_EXAMPLE } } })
    async ocdsRecords(@Query() query: PublicationQueryDto) {
      return this.publishing.ocdsRecords(await this.history(query));
    }

    @Get('transparency/contracts.csv')
    @ApiOperation({ summary: 'Contracts over £10,000 (Specified Information Order), as CSV', description: `${ASOF}${audience}` })
    @ApiProduces('text/csv')
    @ApiOkResponse({ description: 'RFC 4180, one row per contract', content: { 'text/csv': { example: CONTRACTS_CSV_EXAMPLE } } })
    async contractsCsv(@Query() query: PublicationQueryDto, @Res({ passthrough: true }) response: Response) {
      return this.csv('contracts', query, response);
    }

    @Get('transparency/contracts.json')
    @ApiOperation({ summary: 'Contracts over £10,000 (Specified Information Order), as JSON', description: `The CSV’s rows. ${ASOF}${audience}` })
    @ApiOkResponse({ description: 'The list', content: { 'application/json': { example: LIST_JSON_EXAMPLE } } })
    async contractsJson(@Query() query: PublicationQueryDto) {
      return this.publishing.transparency(await this.history(query), 'contracts').json;
    }

    @Get('transparency/grants.csv')
    @ApiOperation({ summary: 'Crime and disorder reduction grants (Specified Information Order), as CSV', description: `Recipient, purpose, conditions and reasons. ${ASOF}${audience}` })
    @ApiProduces('text/csv')
    @ApiOkResponse({ description: 'RFC 4180, one row per grant', content: { 'text/csv': { example: GRANTS_CSV_EXAMPLE } } })
    async grantsCsv(@Query() query: PublicationQueryDto, @Res({ passthrough: true }) response: Response) {
      return this.csv('grants', query, response);
    }

    @Get('transparency/grants.json')
    @ApiOperation({ summary: 'Crime and disorder reduction grants (Specified Information Order), as JSON', description: `The CSV’s rows. ${ASOF}${audience}` })
    @ApiOkResponse({ description: 'The list', content: { 'application/json': { example: { ...LIST_JSON_EXAMPLE, list: 'grants' } } } })
    async grantsJson(@Query() query: PublicationQueryDto) {
      return this.publishing.transparency(await this.history(query), 'grants').json;
    }

    @Get('transparency/spend.csv')
    @ApiOperation({ summary: 'Each payment over £500, by month (Specified Information Order), as CSV', description: `Payments recorded against the year’s agreements, oldest first. ${ASOF}${audience}` })
    @ApiProduces('text/csv')
    @ApiOkResponse({ description: 'RFC 4180, one row per payment', content: { 'text/csv': { example: SPEND_CSV_EXAMPLE } } })
    async spendCsv(@Query() query: PublicationQueryDto, @Res({ passthrough: true }) response: Response) {
      return this.csv('spend', query, response);
    }

    @Get('transparency/spend.json')
    @ApiOperation({ summary: 'Each payment over £500, by month (Specified Information Order), as JSON', description: `The CSV’s rows. ${ASOF}${audience}` })
    @ApiOkResponse({ description: 'The list', content: { 'application/json': { example: SPEND_JSON_EXAMPLE } } })
    async spendJson(@Query() query: PublicationQueryDto) {
      return this.publishing.transparency(await this.history(query), 'spend').json;
    }

    private async csv(list: TransparencyList, query: PublicationQueryDto, response: Response): Promise<string> {
      const { csv } = this.publishing.transparency(await this.history(query), list);
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="${list}-${query.financialYear}.csv"`);
      return csv;
    }

    private history(query: PublicationQueryDto): Promise<YearHistory> {
      if (open && !this.config.PUBLISH_OPEN) throw new DomainError('NOT_FOUND', 'Open data is not published here (PUBLISH_OPEN is not set)');
      if (query.basis && !query.asOf) throw DomainError.field('VALIDATION_FAILED', 'basis', 'is only meaningful with asOf');
      const asOf = query.asOf === undefined ? undefined : parseAsOf(query.asOf, query.basis);
      return this.publishing.history({ financialYear: query.financialYear, ...(asOf ? { asOf } : {}) });
    }
  }

  for (const decorate of [ApiBadRequestResponse(BAD_QUERY), ApiNotFoundResponse(NOT_FOUND), ApiUnprocessableEntityResponse(INVALID)]) decorate(PublicationController);
  Object.defineProperty(PublicationController, 'name', { value: open ? 'OpenDataController' : 'PublishController' });
  return PublicationController;
}

export const PublishController = publicationController('publish');
export const OpenDataController = publicationController('open-data');
