import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, MaxLength, Max, Min } from 'class-validator';
import { IsBusinessDate } from '@app/platform';

const NAME = /^[\w.:@-]{1,200}$/;

/** GET /audit-log filters: every one optional, each refused by name when malformed. */
import { PageSize } from '../paging';
import { LocalityFilter } from '../locality-filter';

export class AuditLogQueryDto {
  @ApiPropertyOptional({ description: 'Stream id, exactly', example: 'case-2016-17-B51' })
  @IsOptional()
  @Matches(NAME, { message: 'stream must be a stream id such as case-2016-17-B51 or framework-2016-17' })
  stream?: string;

  @ApiPropertyOptional({ description: 'Event type, exactly', example: 'CspPlanSubmitted' })
  @IsOptional()
  @Matches(/^[A-Za-z][\w]{0,99}$/, { message: 'type must be an event type such as CspPlanSubmitted' })
  type?: string;

  @ApiPropertyOptional({ description: 'Actor id, exactly', example: 'csp.blaby' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @LocalityFilter("The case's locality slug (framework events have none)")
  locality?: string;

  @ApiPropertyOptional({ description: 'First business date (Europe/London) of occurredAt, inclusive', example: '2016-01-01' })
  @IsOptional()
  @IsBusinessDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last business date (Europe/London) of occurredAt, inclusive', example: '2016-03-31' })
  @IsOptional()
  @IsBusinessDate()
  to?: string;

  @PageSize('Page size')
  limit?: number;

  @ApiPropertyOptional({ description: 'Global position to continue after: the previous page’s nextAfter', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, example: 120 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;
}
