import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { MECHANISMS } from '@app/domain';

export const PIPELINE_MECHANISMS = [...MECHANISMS, 'unassigned'] as const;

/** GET /pipeline filters: every one optional, each refused by name when malformed. */
import { PageOffset, PageSize } from '../paging';
import { LocalityFilter } from '../locality-filter';

export class PipelineQueryDto {
  @ApiPropertyOptional({ description: 'Financial year', example: '2016-17' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}$/, { message: 'financialYear must be a financial year written like 2016-17' })
  financialYear?: string;

  @ApiPropertyOptional({ description: 'Funding mechanism; "unassigned" for Appendix C allocations', enum: PIPELINE_MECHANISMS, example: 'plf' })
  @IsOptional()
  @IsIn(PIPELINE_MECHANISMS, { message: `mechanism must be one of ${PIPELINE_MECHANISMS.join(', ')}` })
  mechanism?: string;

  @ApiPropertyOptional({ description: "A stage id of the case's workflow", example: 'plan-requested' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,59}$/, { message: 'stage must be a stage id such as plan-requested' })
  stage?: string;

  @LocalityFilter("Locality slug (PLF cases); a CSP user's is always its own")
  locality?: string;

  @ApiPropertyOptional({ description: "The case's theme code", example: 'reducing-offending' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,59}$/, { message: 'theme must be a theme code such as reducing-offending' })
  theme?: string;

  @ApiPropertyOptional({ description: 'One of the case’s primary strategic priorities', example: 'SP1' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, { message: "priority must be one of the framework's strategic priority codes, such as SP1" })
  priority?: string;

  @PageSize('Page size')
  limit?: number;

  @PageOffset('Cases to skip (in case id order)')
  offset?: number;
}
