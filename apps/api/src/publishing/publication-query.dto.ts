import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';

/** The instant itself is parsed by the audit's as-of, which names the field that is wrong. */
export class PublicationQueryDto {
  @ApiProperty({ description: 'Financial year, 1 April – 31 March', example: '2016-17' })
  @IsString()
  @Matches(/^\d{4}-\d{2}$/, { message: 'financialYear must be a financial year written like 2016-17' })
  financialYear!: string;

  @ApiPropertyOptional({
    description:
      'Publish as the ledger stood then: a date-time with Z or an offset, or a date (the end of that day in Europe/London). ' +
      'Unset: as it stands now.',
    example: '2017-03-31',
  })
  @IsOptional()
  @IsString()
  asOf?: string;

  @ApiPropertyOptional({
    enum: ['recorded', 'occurred'],
    description:
      'With asOf. recorded (default): what the ledger had recorded by then, an answer that never changes. ' +
      'occurred: the business position on that date as the ledger knows it now.',
  })
  @IsOptional()
  @IsIn(['recorded', 'occurred'])
  basis?: 'recorded' | 'occurred';
}
