import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { On, OptionalText, Text } from './dto-fields';

export class AssessGrantApplicationDto {
  @ApiProperty({ description: 'Assessment score out of 100', example: 72, minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  score!: number;

  @ApiProperty({ enum: ['award', 'decline'], example: 'award' })
  @IsIn(['award', 'decline'], { message: 'recommendation must be award or decline' })
  recommendation!: 'award' | 'decline';

  @OptionalText(4000, {
    description: 'The assessment panel notes (default: none)',
    example: 'Strong hotspot evidence for Loughborough town centre; youth outreach on Friday and Saturday evenings',
  })
  notes?: string;

  @On('2016-09-14')
  on?: string;
}

export class DeclineGrantDto {
  @Text(2000, { example: 'The proposed activity duplicates the Charnwood PLF youth diversion programme' })
  reason!: string;

  @On('2016-09-21')
  on?: string;
}
