import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { IsBusinessDate } from '@app/platform';

export const DEADLINE_STATUSES = ['open', 'met', 'met-late', 'missed', 'cancelled'] as const;
export const DEADLINE_KINDS = ['plf-meeting', 'performance-report', 'contract-end', 'payment-instalment'] as const;

/** GET /deadlines filters: every one optional, each refused by name when malformed. */
import { PageOffset, PageSize } from '../paging';
import { LocalityFilter } from '../locality-filter';

export class DeadlinesQueryDto {
  @ApiPropertyOptional({ description: 'One status, or several separated by commas', example: 'open,missed' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value))
  @IsIn(DEADLINE_STATUSES, { each: true, message: `status must be one or more of ${DEADLINE_STATUSES.join(', ')}, separated by commas` })
  status?: Array<(typeof DEADLINE_STATUSES)[number]>;

  @ApiPropertyOptional({ enum: DEADLINE_KINDS, example: 'plf-meeting' })
  @IsOptional()
  @IsIn(DEADLINE_KINDS, { message: `kind must be one of ${DEADLINE_KINDS.join(', ')}` })
  kind?: (typeof DEADLINE_KINDS)[number];

  @LocalityFilter("The case's locality slug; a CSP user's is always its own")
  locality?: string;

  @ApiPropertyOptional({ description: 'Due strictly before this date', example: '2016-03-01' })
  @IsOptional()
  @IsBusinessDate()
  dueBefore?: string;

  @ApiPropertyOptional({ description: 'Due strictly after this date', example: '2016-01-31' })
  @IsOptional()
  @IsBusinessDate()
  dueAfter?: string;

  @ApiPropertyOptional({ example: '2016-17-B51' })
  @IsOptional()
  @Matches(/^[\w-]{1,80}$/, { message: 'caseId must be a case id of letters, digits and dashes' })
  caseId?: string;

  @ApiPropertyOptional({ description: 'Financial year of the case', example: '2016-17' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}$/, { message: 'financialYear must be a financial year written like 2016-17' })
  financialYear?: string;

  @PageSize('Page size')
  limit?: number;

  @PageOffset('Deadlines to skip (in due order)')
  offset?: number;
}
