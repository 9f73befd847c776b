import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsInt, IsPositive, Matches, ValidateNested } from 'class-validator';
import { BusinessDate, ID, Identifier, On, OptionalText, Text } from './dto-fields';
import { MeasureDto } from './measure.dto';

/** A line of the CSP's budget breakdown. */
export class PlanLineDto {
  @Identifier({ description: 'Unique within the plan; exclusions name it', example: 'asb-caseworker' })
  id!: string;

  @Text(500, { example: 'Part-time anti-social behaviour caseworker for Blaby District' })
  description!: string;

  @ApiProperty({ description: 'Integer pence', example: 1450000 })
  @IsInt({ message: 'pence must be a whole number of pence' })
  @IsPositive()
  pence!: number;
}

const BLABY_LINES = [
  { id: 'asb-caseworker', description: 'Part-time anti-social behaviour caseworker for Blaby District', pence: 1450000 },
  { id: 'dv-outreach', description: 'Domestic abuse outreach sessions in Enderby and Narborough', pence: 850000 },
  { id: 'youth-diversion', description: 'Summer youth diversion activities in Braunstone Town', pence: 670000 },
];

const BLABY_MEASURES = [
  { id: 'asb-incidents', name: 'Anti-social behaviour incidents reported in Blaby District', unit: 'incidents', target: 420, frequency: 'quarterly', direction: 'lower-is-better' },
  { id: 'youth-engaged', name: 'Young people engaged in diversion activities', unit: 'young people', target: 60, frequency: 'quarterly', direction: 'higher-is-better' },
];

export class SubmitCspPlanDto {
  @ApiProperty({
    type: [PlanLineDto],
    description: "The budget breakdown; it may total no more than the locality's allocation (Blaby: £29,700)",
    example: BLABY_LINES,
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'budgetLines must have at least one line' })
  @ArrayMaxSize(50)
  @ArrayUnique((line: PlanLineDto) => line?.id, { message: 'each budget line id must be unique' })
  @ValidateNested({ each: true })
  @Type(() => PlanLineDto)
  budgetLines!: PlanLineDto[];

  @ApiProperty({ type: [MeasureDto], description: "The CSP's performance framework", example: BLABY_MEASURES })
  @IsArray()
  @ArrayMinSize(1, { message: 'performanceFramework must have at least one measure' })
  @ArrayMaxSize(30)
  @ArrayUnique((measure: MeasureDto) => measure?.id, { message: 'each measure id must be unique' })
  @ValidateNested({ each: true })
  @Type(() => MeasureDto)
  performanceFramework!: MeasureDto[];

  @On('2016-01-12')
  on?: string;
}

export class ScheduleCspMeetingDto {
  @BusinessDate({ description: 'When the meeting with the CSP will be held (deadline: 29 Feb 2016)', example: '2016-02-20' })
  meetingOn!: string;

  @On('2016-01-20')
  on?: string;
}

export class ExtendMeetingDeadlineDto {
  @BusinessDate({ description: 'The new date by which the meeting must be held; after the current deadline', example: '2016-03-11' })
  newDeadline!: string;

  @Text(2000, {
    description: 'Why the framework deadline is extended for this CSP',
    example: 'Rutland CSP board rescheduled after the county council budget meeting; agreed by the Chief Executive',
  })
  reason!: string;

  @On('2016-03-01')
  on?: string;
}

export class HoldCspMeetingDto {
  @OptionalText(4000, {
    description: 'Notes of the meeting (default: none); the meeting is held on `on`',
    example: 'Plan discussed with Blaby CSP; the domestic abuse outreach line duplicates county-wide provision',
  })
  notes?: string;

  @On('2016-02-26')
  on?: string;
}

export class ExcludeDuplicatePlanLinesDto {
  @ApiProperty({ type: [String], description: 'Ids of the plan lines that duplicate existing provision', example: ['dv-outreach'] })
  @IsArray()
  @ArrayMinSize(1, { message: 'lineIds must name at least one plan line' })
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(ID, { each: true, message: 'each line id must be 1–60 letters, digits, _ or -' })
  lineIds!: string[];

  @Text(2000, {
    description: 'What existing provision in the locality the lines duplicate',
    example: 'Duplicates the domestic abuse outreach already commissioned county-wide (Appendix B, Supporting Victims)',
  })
  reason!: string;

  @On('2016-02-26')
  on?: string;
}
