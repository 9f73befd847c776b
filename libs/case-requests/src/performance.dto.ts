import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsNumber, Matches, ValidateNested } from 'class-validator';
import { canonicalPeriod as canonicalLabel, PERIOD_LABEL } from '@app/domain';
import { BusinessDate, Identifier, On, OptionalText, Text } from './dto-fields';
import { MeasureDto } from './measure.dto';

/**
 * A period as the request writes it, in its one label (the domain's PERIOD_LABEL: 2016-Q1,
 * 2016-H1, a month 2016-04, the year 2016; 2016-M01 and 2016-FY are stored as 2016-04 and
 * 2016), so one period has one name in the log. Anything else is left for the pattern to refuse.
 */
export const canonicalPeriod = (value: unknown): unknown => (typeof value === 'string' && PERIOD_LABEL.test(value) ? canonicalLabel(value) : value);

export class ReportPerformanceDto {
  @Identifier({ description: "One of the contract's measures", example: 'asb-incidents' })
  measureId!: string;

  @ApiProperty({
    description:
      'The reporting period: 2016-Q1 is April–June 2016 (2016/17 Q1); 2016-H1; a month 2016-04; the year 2016 (2016/17). ' +
      '2016-M01 (April) and 2016-FY are accepted and stored as 2016-04 and 2016.',
    example: '2016-Q1',
    pattern: PERIOD_LABEL.source,
  })
  @Transform(({ value }) => canonicalPeriod(value))
  @Matches(PERIOD_LABEL, { message: 'period must be written like 2016-Q1, 2016-H2, 2016-04 or 2016' })
  period!: string;

  @ApiProperty({ description: 'What was achieved in the period, in the measure’s unit', example: 438 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'actual must be a number' })
  actual!: number;

  @OptionalText(4000, {
    description: 'The provider’s commentary (default: none)',
    example: 'Seasonal rise in ASB around the Fosse Park retail area; caseworker in post from 18 April',
  })
  commentary?: string;

  @On('2016-07-11')
  on?: string;
}

export class AgreePerformanceMeasuresDto {
  @ApiProperty({ type: [MeasureDto], description: 'The measures that replace the current ones' })
  @IsArray()
  @ArrayMinSize(1, { message: 'measures must have at least one measure' })
  @ArrayMaxSize(30)
  @ArrayUnique((measure: MeasureDto) => measure?.id, { message: 'each measure id must be unique' })
  @ValidateNested({ each: true })
  @Type(() => MeasureDto)
  measures!: MeasureDto[];

  @On('2016-05-03')
  on?: string;
}

export class AgreeRemedialActionDto {
  @Text(2000, {
    description: 'The action agreed with the provider to bring performance back to target',
    example: 'Caseworker hours moved to Friday and Saturday evenings; weekly joint patrol briefing with the Blaby beat team',
  })
  action!: string;

  @BusinessDate({ description: 'When the action is reviewed; after today', example: '2016-12-16' })
  reviewBy!: string;

  @On('2016-10-20')
  on?: string;
}
