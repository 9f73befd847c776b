import { Controller, Get, type OnModuleInit, Param, Query, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '@app/auth';
import { DomainError } from '@app/domain';
import { strictValidationPipe } from '@app/platform';
import { PublicationQueryDto } from '../../publishing/publication-query.dto';
import { PublishController } from '../../publishing/publication.controllers';

/** The API's /publish handlers, as the web app calls them (the same documents, the same checks). */
interface Publisher {
  threeSixtyGiving(query: PublicationQueryDto): Promise<unknown>;
  ocdsReleases(query: PublicationQueryDto): Promise<unknown>;
  ocdsRecords(query: PublicationQueryDto): Promise<unknown>;
  contractsCsv(query: PublicationQueryDto, response: Response): Promise<string>;
  grantsCsv(query: PublicationQueryDto, response: Response): Promise<string>;
}

const JSON_DOCUMENTS = { '360giving': 'threeSixtyGiving', 'ocds-releases': 'ocdsReleases', 'ocds-records': 'ocdsRecords' } as const;
const CSV_LISTS = { contracts: 'contractsCsv', grants: 'grantsCsv' } as const;

/**
 * The publications (360Giving, OCDS, the transparency lists) for a signed-in member of staff
 * or auditor, under /app/publish: the API's /publish asks a bearer token, a browser has a session.
 */
@ApiExcludeController()
@Controller('app/publish')
@Roles('opcc-staff', 'auditor', 'admin')
export class PublishingPagesController implements OnModuleInit {
  private readonly pipe = strictValidationPipe();
  private publisher!: Publisher;

  constructor(private readonly modules: ModuleRef) {}

  onModuleInit(): void {
    this.publisher = this.modules.get(PublishController, { strict: false }) as Publisher;
  }

  private async query(raw: Record<string, unknown>): Promise<PublicationQueryDto> {
    return (await this.pipe.transform(raw, { type: 'query', metatype: PublicationQueryDto })) as PublicationQueryDto;
  }

  @Get('transparency/:list.csv')
  async list(@Param('list') list: string, @Query() raw: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const method = CSV_LISTS[list as keyof typeof CSV_LISTS];
    if (!method) throw new DomainError('NOT_FOUND', `There is no published list called ${list}`);
    return this.publisher[method](await this.query(raw), response);
  }

  @Get(':document')
  async document(@Param('document') document: string, @Query() raw: Record<string, unknown>, @Res({ passthrough: true }) response: Response) {
    const method = JSON_DOCUMENTS[document as keyof typeof JSON_DOCUMENTS];
    if (!method) throw new DomainError('NOT_FOUND', `There is no publication called ${document}`);
    const published = await this.publisher[method](await this.query(raw));
    response.setHeader('Content-Disposition', `attachment; filename="${document}-${String(raw.financialYear)}.json"`);
    return published;
  }
}
