import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { On, OptionalText } from './dto-fields';

export class AssignBoardDto {
  @ApiProperty({
    description: "One of the framework's boards (GET /frameworks/{year}: boards[].code)",
    example: 'joint-commissioning-assurance-board',
  })
  @Matches(/^[a-z0-9-]{1,80}$/, { message: 'board must be a board code such as reducing-reoffending-board' })
  board!: string;

  @On('2016-04-12')
  on?: string;
}

export class RecordBoardDecisionDto {
  @ApiProperty({ enum: ['approved', 'rejected'], example: 'approved' })
  @IsIn(['approved', 'rejected'], { message: 'decision must be approved or rejected' })
  decision!: 'approved' | 'rejected';

  @OptionalText(4000, {
    description: "The board's minute of the decision (default: none)",
    example: 'Approved at the JCAB meeting of 9 May 2016: ISVA provision for LLR, within the sexual violence pathway.',
  })
  notes?: string;

  @On('2016-05-09')
  on?: string;
}
