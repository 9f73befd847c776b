import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';

const BASIS =
  'recorded (default): what the ledger knew at that instant (metadata.recordedAt); the answer never changes afterwards. ' +
  'occurred: the business position at that instant (metadata.occurredAt) as the ledger knows it now, including records back-dated later.';

/** The dates themselves are parsed by the audit use cases, which name the field that is wrong. */
export class AsOfQueryDto {
  @ApiProperty({
    description: 'A date-time with Z or an offset, or a date (YYYY-MM-DD: the end of that day in Europe/London)',
    example: '2016-03-01T12:00:00Z',
  })
  @IsString()
  asOf!: string;

  @ApiPropertyOptional({ enum: ['recorded', 'occurred'], description: BASIS })
  @IsOptional()
  @IsIn(['recorded', 'occurred'])
  basis?: 'recorded' | 'occurred';
}

export class ExportQueryDto {
  @ApiPropertyOptional({ description: 'Only this stream, in revision order', example: 'case-2016-17-B51' })
  @IsOptional()
  @IsString()
  stream?: string;

  @ApiPropertyOptional({
    description: "Events of the locality's cases (from their opening profile), the ledger's entries for them, and what its users did",
    example: 'blaby',
  })
  @IsOptional()
  @IsString()
  locality?: string;

  @ApiPropertyOptional({ description: 'From this date (start of the day, Europe/London) or date-time, inclusive', example: '2016-01-01' })
  @IsOptional()
  @IsString()
  from?: string;

  @ApiPropertyOptional({ description: 'To this date (end of the day, Europe/London) or date-time, inclusive', example: '2016-03-31' })
  @IsOptional()
  @IsString()
  to?: string;

  @ApiPropertyOptional({ enum: ['recorded', 'occurred'], description: `The clock from/to read. ${BASIS}` })
  @IsOptional()
  @IsIn(['recorded', 'occurred'])
  basis?: 'recorded' | 'occurred';

  @ApiPropertyOptional({ enum: ['jsonl', 'csv'], description: 'Default: from Accept (text/csv), else jsonl' })
  @IsOptional()
  @IsIn(['jsonl', 'csv'])
  format?: 'jsonl' | 'csv';
}
