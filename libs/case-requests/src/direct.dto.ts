import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { BusinessDate, On, Text } from './dto-fields';

export class IssueTenderDto {
  @Text(100, { description: "The tender's procurement reference", example: 'OPCC-2016-017 Hate crime victim advocacy' })
  reference!: string;

  @BusinessDate({ description: 'When bids close; after the issue date', example: '2016-06-30' })
  closesOn!: string;

  @On('2016-05-16')
  on?: string;
}

export class SelectProviderDto {
  @Text(300, { description: 'The provider chosen from the bids', example: 'Victim Support' })
  provider!: string;

  @ApiProperty({ description: 'How many bids the tender received (at least one to select from)', example: 4, minimum: 0, maximum: 1000 })
  @IsInt()
  @Min(0)
  @Max(1000)
  bidsReceived!: number;

  @On('2016-07-18')
  on?: string;
}

export class GrantSingleProviderDispensationDto {
  @Text(300, { description: 'The only provider who can deliver the outcomes', example: 'Crimestoppers Trust' })
  provider!: string;

  @Text(2000, {
    description: 'Why only this provider can be considered (section 6.2a)',
    example: 'Crimestoppers is the only national charity running an anonymous crime reporting line; no other provider can be considered.',
  })
  reason!: string;

  @On('2016-04-05')
  on?: string;
}
