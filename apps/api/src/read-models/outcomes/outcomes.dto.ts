import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

const BOOLEAN = ['true', 'false'] as const;
export const RAGS = ['red', 'amber', 'green'] as const;

/** GET /outcomes (and /outcomes.csv) filters: every one optional, each refused by name when malformed. */
import { PageOffset, PageSize } from '../paging';
import { LocalityFilter } from '../locality-filter';

export class OutcomesQueryDto {
  @ApiPropertyOptional({ description: 'Financial year', example: '2016-17' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}$/, { message: 'financialYear must be a financial year written like 2016-17' })
  financialYear?: string;

  @LocalityFilter("The contract's locality slug (PLF agreements); a CSP user's is always its own")
  locality?: string;

  @ApiPropertyOptional({ description: 'Theme code', example: 'reducing-offending' })
  @IsOptional()
  @Matches(/^[a-z][a-z-]{0,59}$/, { message: 'theme must be a theme code such as reducing-offending' })
  theme?: string;

  @ApiPropertyOptional({ description: 'A primary strategic priority', example: 'SP1' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, { message: "priority must be one of the framework's strategic priority codes, such as SP1" })
  priority?: string;

  @ApiPropertyOptional({ description: "The contract's overall RAG: the worst latest RAG of its measures", enum: RAGS, example: 'red' })
  @IsOptional()
  @IsIn(RAGS, { message: `rag must be one of ${RAGS.join(', ')}` })
  rag?: (typeof RAGS)[number];

  @ApiPropertyOptional({ description: 'Only contracts under-achieving (true) or not (false)', enum: BOOLEAN, example: 'true' })
  @IsOptional()
  @IsIn(BOOLEAN, { message: 'underAchieving must be true or false' })
  underAchieving?: (typeof BOOLEAN)[number];

  @ApiPropertyOptional({ description: 'Only contracts with a report overdue today (true) or none (false)', enum: BOOLEAN, example: 'true' })
  @IsOptional()
  @IsIn(BOOLEAN, { message: 'overdue must be true or false' })
  overdue?: (typeof BOOLEAN)[number];

  @PageSize('Page size (JSON default 50; CSV: all unless given)')
  limit?: number;

  @PageOffset('Contracts to skip (in case id order)')
  offset?: number;
}

export class RollupsQueryDto {
  @ApiPropertyOptional({ description: 'Financial year (default: every year)', example: '2016-17' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}$/, { message: 'financialYear must be a financial year written like 2016-17' })
  financialYear?: string;
}
