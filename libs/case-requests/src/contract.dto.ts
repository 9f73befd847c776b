import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsPositive,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { ContractTerms } from '@app/domain';
import { BusinessDate, On, OptionalBusinessDate, OptionalText, Printable, Text } from './dto-fields';
import { MeasureDto, toMeasure } from './measure.dto';

const KINDS = ['contract', 'agreement', 'grant'] as const;

/** What every contract or agreement specifies (section 6.3). */
export class ContractTermsDto {
  @ApiProperty({ enum: KINDS, description: 'A PLF award is an agreement with the CSP', example: 'agreement' })
  @IsIn(KINDS, { message: `kind must be one of ${KINDS.join(', ')}` })
  kind!: (typeof KINDS)[number];

  @Text(300, { example: 'Blaby District Council' })
  provider!: string;

  @ApiProperty({ description: 'Integer pence', example: 2120000 })
  @IsInt({ message: 'valuePence must be a whole number of pence' })
  @IsPositive()
  valuePence!: number;

  @ApiProperty({
    type: [String],
    description: 'The outcomes commissioned',
    example: ['Fewer repeat victims of anti-social behaviour in Blaby District', 'Young people in Braunstone Town diverted from offending'],
  })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  @Printable({ each: true })
  outcomes!: string[];

  @ApiProperty({
    type: [String],
    example: ['Caseworker trained in the Anti-social Behaviour, Crime and Policing Act 2014 powers', 'Quarterly return within 14 days of quarter end'],
  })
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  @Printable({ each: true })
  qualityStandards!: string[];

  @ApiProperty({ type: [MeasureDto], description: 'Performance measures for monitoring' })
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique((measure: MeasureDto) => measure?.id, { message: 'each measure id must be unique' })
  @ValidateNested({ each: true })
  @Type(() => MeasureDto)
  measures!: MeasureDto[];

  @Text(2000, {
    description: 'How the PCC manages outcomes not being achieved',
    example: 'Two consecutive red quarters on a measure call for a remedial action plan agreed with the OPCC; funding may be withheld if it is not met',
  })
  underAchievementClause!: string;

  @BusinessDate({ example: '2016-04-01' })
  startDate!: string;

  @BusinessDate({ description: 'Not before startDate', example: '2017-03-31' })
  endDate!: string;
}

export class AwardContractDto {
  @ApiProperty({ type: ContractTermsDto })
  @IsObject({ message: 'contract must be an object' })
  @ValidateNested()
  @Type(() => ContractTermsDto)
  contract!: ContractTermsDto;

  @On('2016-03-15')
  on?: string;
}

export class VaryContractDto {
  @ApiProperty({ description: 'The new value in integer pence (the budget ledger moves by the difference)', example: 2320000 })
  @IsInt({ message: 'valuePence must be a whole number of pence' })
  @IsPositive()
  valuePence!: number;

  @OptionalBusinessDate({ description: 'The new end date (default: unchanged)', example: '2017-06-30' })
  endDate?: string;

  @Text(2000, { example: 'Summer youth diversion programme extended into June 2017 by agreement with Blaby CSP' })
  reason!: string;

  @On('2016-11-02')
  on?: string;
}

export class CloseContractDto {
  @OptionalText(4000, { description: 'Closure notes (default: none)', example: 'All four quarterly returns received; final report accepted' })
  notes?: string;

  @On('2017-04-20')
  on?: string;
}

export class TerminateContractDto {
  @Text(2000, { example: 'Remedial action plan not met by the review date; agreement terminated under the under-achievement clause' })
  reason!: string;

  @On('2016-12-01')
  on?: string;
}

/** Plain data for the event: the store takes JSON objects, not DTO instances. */
export const toContractTerms = (dto: ContractTermsDto): ContractTerms => ({
  kind: dto.kind,
  provider: dto.provider,
  valuePence: dto.valuePence,
  outcomes: [...dto.outcomes],
  qualityStandards: [...dto.qualityStandards],
  measures: dto.measures.map(toMeasure),
  underAchievementClause: dto.underAchievementClause,
  startDate: dto.startDate,
  endDate: dto.endDate,
});
