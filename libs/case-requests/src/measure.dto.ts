import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNumber } from 'class-validator';
import type { Direction, Frequency, Measure } from '@app/domain';
import { Identifier, Text } from './dto-fields';

export const FREQUENCIES: readonly Frequency[] = ['monthly', 'quarterly', 'six-monthly', 'annual'];
export const DIRECTIONS: readonly Direction[] = ['higher-is-better', 'lower-is-better'];

/** A performance measure: of a CSP's performance framework, or of a contract (section 6.3). */
export class MeasureDto {
  @Identifier({ description: 'Unique within the plan or contract; reports name it', example: 'asb-incidents' })
  id!: string;

  @Text(300, { example: 'Anti-social behaviour incidents reported to police in Blaby District' })
  name!: string;

  @Text(60, { example: 'incidents' })
  unit!: string;

  @ApiProperty({ description: 'The target per reporting period, in the unit', example: 420 })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'target must be a number' })
  target!: number;

  @ApiProperty({ enum: FREQUENCIES, example: 'quarterly' })
  @IsIn(FREQUENCIES, { message: `frequency must be one of ${FREQUENCIES.join(', ')}` })
  frequency!: Frequency;

  @ApiProperty({ enum: DIRECTIONS, example: 'lower-is-better' })
  @IsIn(DIRECTIONS, { message: `direction must be one of ${DIRECTIONS.join(', ')}` })
  direction!: Direction;
}

/** Plain data for the event: the store takes JSON objects, not DTO instances. */
export const toMeasure = (dto: MeasureDto): Measure => ({
  id: dto.id,
  name: dto.name,
  unit: dto.unit,
  target: dto.target,
  frequency: dto.frequency,
  direction: dto.direction,
});
