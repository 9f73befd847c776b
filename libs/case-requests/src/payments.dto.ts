import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsPositive, Matches, Max, ValidateIf, ValidateNested } from 'class-validator';
import { type InstalmentCondition, type InstalmentPlan, PERIOD_LABEL } from '@app/domain';
import { BusinessDate, Identifier, On, Text } from './dto-fields';
import { canonicalPeriod } from './performance.dto';

const CONDITIONS = ['none', 'performance-report', 'checkpoint'] as const;
const MAX_PENCE = 100_000_000_000;

export class InstalmentConditionDto {
  @ApiProperty({ enum: CONDITIONS, description: 'none; a named period’s performance report received; a named checkpoint met', example: 'performance-report' })
  @IsIn(CONDITIONS, { message: `kind must be one of ${CONDITIONS.join(', ')}` })
  kind!: (typeof CONDITIONS)[number];

  @ApiPropertyOptional({ description: 'For performance-report: the reporting period, e.g. 2016-Q1', example: '2016-Q1', pattern: PERIOD_LABEL.source })
  @ValidateIf((o: InstalmentConditionDto) => o.kind === 'performance-report')
  @Transform(({ value }) => canonicalPeriod(value))
  @Matches(PERIOD_LABEL, { message: 'period must be written like 2016-Q1, 2016-H2, 2016-04 or 2016' })
  period?: string;

  @ApiPropertyOptional({ description: 'For checkpoint: its name', example: 'service-mobilised' })
  @ValidateIf((o: InstalmentConditionDto) => o.kind === 'checkpoint')
  @Matches(/^[\w-]{1,60}$/, { message: 'name must be 1–60 letters, digits, _ or -' })
  name?: string;
}

/** Integer pence, more than zero, bounded (a hundred million pounds). */
export const Pence = (example: number, description = 'Integer pence'): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ description, example, minimum: 1, maximum: MAX_PENCE }),
    IsInt({ message: '$property must be a whole number of pence' }),
    IsPositive(),
    Max(MAX_PENCE),
  );

export class InstalmentDto {
  @Identifier({ description: 'Unique within the schedule; claims name it', example: '2016-Q1' })
  id!: string;

  @BusinessDate({ description: 'When it falls due; the due check the day after withholds it if its condition is unmet', example: '2016-07-31' })
  dueOn!: string;

  @Pence(3_688_900)
  pence!: number;

  @ApiProperty({ type: InstalmentConditionDto })
  @IsObject()
  @ValidateNested()
  @Type(() => InstalmentConditionDto)
  condition!: InstalmentConditionDto;
}

export const toCondition = (dto: InstalmentConditionDto): InstalmentCondition =>
  dto.kind === 'performance-report' ? { kind: dto.kind, period: dto.period as string } : dto.kind === 'checkpoint' ? { kind: dto.kind, name: dto.name as string } : { kind: 'none' };

export const toPlan = (dto: InstalmentDto): InstalmentPlan => ({ id: dto.id, dueOn: dto.dueOn, pence: dto.pence, condition: toCondition(dto.condition) });

const QUARTERS = [
  { id: '2016-Q1', dueOn: '2016-07-31', pence: 3_688_900, condition: { kind: 'performance-report', period: '2016-Q1' } },
  { id: '2016-Q2', dueOn: '2016-10-31', pence: 3_688_900, condition: { kind: 'performance-report', period: '2016-Q2' } },
];

export class SetPaymentScheduleDto {
  @On('2016-04-20')
  on?: string;

  @ApiProperty({ type: [InstalmentDto], description: 'Must sum exactly to the contract value', example: QUARTERS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(120)
  @ValidateNested({ each: true })
  @Type(() => InstalmentDto)
  instalments!: InstalmentDto[];
}

export class ReprofilePaymentScheduleDto extends SetPaymentScheduleDto {
  @Text(1000, { example: 'Variation of 14 Oct 2016: the remaining quarters re-profiled' })
  reason!: string;
}

export class RecordClaimDto {
  @On('2016-07-12')
  on?: string;

  @Identifier({ description: 'The instalment claimed against', example: '2016-Q1' })
  instalmentId!: string;

  @Pence(3_688_900, 'Integer pence, up to what may still be claimed on the instalment')
  pence!: number;

  @Text(300, { description: 'The invoice or return the claim rests on', example: 'Twenty-Twenty invoice TT-2016-0712' })
  evidenceRef!: string;
}

export class ApproveClaimDto {
  @On('2016-07-20')
  on?: string;
}

export class RejectClaimDto {
  @On('2016-07-20')
  on?: string;

  @Text(1000, { example: 'The invoice does not match the quarterly return' })
  reason!: string;
}

export class RecordPaymentDto {
  @On('2016-08-01')
  on?: string;

  @Text(100, { description: 'The payment’s reference in the finance system', example: 'BACS-2016-08-0123' })
  paymentRef!: string;
}

export class RecoverPaymentDto {
  @On('2016-09-01')
  on?: string;

  @Identifier({ example: '2016-Q1' })
  instalmentId!: string;

  @Pence(500_000, 'Integer pence, up to what was paid on the instalment and not yet recovered')
  pence!: number;

  @Text(1000, { example: 'Sessions claimed for July were not delivered' })
  reason!: string;
}

export class RecordCheckpointMetDto {
  @On('2016-05-01')
  on?: string;

  @ApiProperty({ example: 'service-mobilised', pattern: '^[\\w-]{1,60}$' })
  @Matches(/^[\w-]{1,60}$/, { message: 'checkpoint must be 1–60 letters, digits, _ or -' })
  checkpoint!: string;

  @Text(300, { example: 'Mobilisation report of 1 May 2016' })
  evidenceRef!: string;
}

export class CarryForwardInstalmentsDto {
  @On('2017-03-20')
  on?: string;

  @ApiProperty({ type: [String], description: 'Unpaid instalments, with no claim on them, to count in the next year', example: ['2016-Q4'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(120)
  @Matches(/^[\w-]{1,60}$/, { each: true, message: 'each instalment id must be 1–60 letters, digits, _ or -' })
  instalmentIds!: string[];

  @ApiProperty({ description: 'The next financial year: its framework must be imported and its budget hold what is carried', example: '2017-18', pattern: '^\\d{4}-\\d{2}$' })
  @Matches(/^\d{4}-\d{2}$/, { message: 'toYear must be a financial year written like 2017-18' })
  toYear!: string;

  @Text(1000, { example: 'Q4 delivery slipped into April; carried by decision of the March 2017 board' })
  reason!: string;
}
