import { OptionalBusinessDate } from '@app/case-requests';

export class ActualsQueryDto {
  @OptionalBusinessDate({ description: 'The business date due and forecast are judged on (default: today, Europe/London)', example: '2016-11-02' })
  on?: string;
}
