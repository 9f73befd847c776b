import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { On, OptionalText } from './dto-fields';

export class CompleteCheckpointDto {
  @ApiProperty({ description: "One of the step's outcomes, as the case's workflow defines them", example: 'passed' })
  @IsString()
  @Length(1, 100)
  outcome!: string;

  @OptionalText(4000, { description: 'What was checked and found', example: 'Accounts for 2015/16 filed; safeguarding policy seen' })
  notes?: string;

  @On('2017-05-10')
  on?: string;
}

export class RecordApprovalDto {
  @ApiProperty({ enum: ['approved', 'refused'], example: 'approved' })
  @IsIn(['approved', 'refused'], { message: 'decision must be approved or refused' })
  decision!: 'approved' | 'refused';

  @OptionalText(4000, { description: 'The approver’s notes', example: 'Approved: due diligence sound, value within the grant scheme' })
  notes?: string;

  @On('2017-05-12')
  on?: string;
}
