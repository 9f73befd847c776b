import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsPositive, IsString, Matches, MaxLength } from 'class-validator';
import { IsBusinessDate } from '@app/platform';

export class DrawOnReserveDto {
  @ApiProperty({ description: 'Amount drawn from the commissioning reserve, in pence', example: 2500000 })
  @IsInt()
  @IsPositive()
  pence!: number;

  @ApiProperty({ example: 'Incoming PCC decision to fund a new hate crime initiative' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiProperty({ description: 'Reference of the recorded decision', example: 'PCC/DEC/2016/041' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  decisionRef!: string;

  @ApiPropertyOptional({ description: 'Business date of the decision (default: today)', example: '2016-06-15' })
  @IsOptional()
  @IsBusinessDate()
  on?: string;
}

export class SwitchGrantRoundsDto {
  @ApiProperty({ description: 'Whether new PCC grant rounds may be opened', example: true })
  @IsBoolean()
  open!: boolean;

  @ApiProperty({ example: 'The new PCC will use the grant mechanism for the new Police and Crime Plan' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ example: '2016-06-01' })
  @IsOptional()
  @IsBusinessDate()
  on?: string;
}

export class OpenGrantRoundDto {
  @ApiProperty({ example: 'round-2016-1' })
  @IsString()
  @Matches(/^[\w-]{1,60}$/, { message: 'roundId must be letters, digits and dashes' })
  roundId!: string;

  @ApiProperty({ example: 'Hotspot ASB grants 2016' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '2016-07-01' })
  @IsBusinessDate()
  opensOn!: string;

  @ApiProperty({ example: '2016-08-31' })
  @IsBusinessDate()
  closesOn!: string;

  @ApiPropertyOptional({ example: '2016-06-20' })
  @IsOptional()
  @IsBusinessDate()
  on?: string;
}

const SLOTS = ['direct', 'co-commissioning', 'plf', 'pcc-grant', 'additional-allocation'];

export class PublishWorkflowVersionDto {
  @ApiProperty({
    description: 'A workflow document (see infra/workflows/*.json and the README): checked by validateWorkflow, refused naming each path',
    example: { schema: 'commissioning-workflow/v1', id: 'pcc-grant-due-diligence', version: 1, title: 'PCC Grant with due diligence', '…': '…' },
  })
  @IsObject()
  document!: Record<string, unknown>;

  @ApiProperty({ description: "Mechanisms whose new cases take this version from now on (none: published only)", example: ['pcc-grant'], enum: SLOTS, isArray: true })
  @IsArray()
  @ArrayMaxSize(5)
  @IsIn(SLOTS, { each: true })
  assignTo!: string[];

  @ApiProperty({ example: 'Due diligence before every grant award, as the Police and Crime Panel asked' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}
