import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { LOCALITY_SLUG } from '@app/auth';
import { IsBusinessDate } from '@app/platform';

const CODE = /^[A-Za-z0-9][A-Za-z0-9._\/-]{0,39}$/;

/** What every amendment carries: why, and its business date. */
class AmendmentDto {
  @ApiProperty({ description: 'Why the framework changes: recorded with the event', example: 'The Police and Crime Panel agreed the revised precept on 3 February' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ description: 'Business date of the decision (default: today)', example: '2016-09-01' })
  @IsOptional()
  @IsBusinessDate()
  on?: string;
}

export class ChangeBudgetDto extends AmendmentDto {
  @ApiPropertyOptional({ description: 'The new total commissioning budget, in pence (left out: unchanged)', example: 471_100_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  totalBudgetPence?: number;

  @ApiPropertyOptional({ description: 'The new commissioning reserve, in pence (left out: unchanged)', example: 43_901_700 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  reservePence?: number;
}

class BoardDto {
  @ApiProperty({ example: 'VAWG' })
  @IsString()
  @Matches(CODE, { message: 'code must be 1-40 letters, digits, dots, dashes or slashes' })
  code!: string;

  @ApiProperty({ example: 'Violence Against Women and Girls Commissioning Board' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class AddBoardDto extends AmendmentDto {
  @ApiProperty({ type: BoardDto })
  @ValidateNested()
  @Type(() => BoardDto)
  board!: BoardDto;
}

class LocalityDto {
  @ApiProperty({ example: 'leicester-east' })
  @IsString()
  @Matches(LOCALITY_SLUG, { message: 'slug must be lower-case letters and dashes' })
  slug!: string;

  @ApiProperty({ example: 'Leicester East' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: 'Its PLF allocation, in pence: must be available', example: 2_500_000 })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  plfAllocationPence!: number;

  @ApiProperty({ description: 'Its share of the Vulnerable Localities Index, in per cent', example: 5.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  vliSharePercent!: number;

  @ApiPropertyOptional({ description: "When its PLF meeting must be held, if not the framework's date", example: '2017-01-31' })
  @IsOptional()
  @IsBusinessDate()
  plfMeetingDeadline?: string;

  @ApiPropertyOptional({ description: 'ONS (GSS) code of the area', example: 'E06000016' })
  @IsOptional()
  @Matches(/^[EWSNK]\d{8}$/, { message: 'geoCode must be an ONS (GSS) code such as E07000129' })
  geoCode?: string;
}

export class AddLocalityDto extends AmendmentDto {
  @ApiProperty({ type: LocalityDto })
  @ValidateNested()
  @Type(() => LocalityDto)
  locality!: LocalityDto;
}

export class MergeLocalitiesDto extends AmendmentDto {
  @ApiProperty({ description: 'The locality that joins another: it leaves the framework', example: 'melton' })
  @IsString()
  @Matches(LOCALITY_SLUG, { message: 'locality must be a locality slug' })
  locality!: string;

  @ApiProperty({ description: 'The locality it joins: its allocation and VLI share grow by the other’s', example: 'harborough' })
  @IsString()
  @Matches(LOCALITY_SLUG, { message: 'into must be a locality slug' })
  into!: string;

  @ApiPropertyOptional({ description: 'The merged PLF allocation in pence (default: the sum); never less than their PLF cases hold', example: 7_300_000 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  plfAllocationPence?: number;
}

class PriorityDto {
  @ApiProperty({ description: 'Any code shape the framework uses', example: 'SP18' })
  @IsString()
  @Matches(CODE, { message: 'code must be 1-40 letters, digits, dots, dashes or slashes' })
  code!: string;

  @ApiProperty({ example: 18 })
  @IsInt()
  @Min(1)
  @Max(10_000)
  number!: number;

  @ApiProperty({ description: 'The theme it belongs to (a theme code of the framework)', example: 'safer-communities' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  theme!: string;

  @ApiProperty({ example: 'Tackling rural crime' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  title!: string;
}

export class AddPriorityDto extends AmendmentDto {
  @ApiProperty({ type: PriorityDto })
  @ValidateNested()
  @Type(() => PriorityDto)
  priority!: PriorityDto;
}
