import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsEmail,
  IsPositive,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsBusinessDate } from '@app/platform';

const SLUG = /^[a-z0-9-]{1,60}$/;
/** Any code shape a framework defines (SP7, P-2, VAWG.1); the framework itself checks it is one of its own. */
const PRIORITY = /^[A-Za-z0-9][\w./-]{0,19}$/;

export class ReachDto {
  @ApiProperty({ enum: ['area', 'llr', 'localities', 'national'], example: 'localities', description: "area: the framework's whole area ('llr' is the 2016/17 framework's word for it)" })
  @IsIn(['area', 'llr', 'localities', 'national'])
  scope!: 'area' | 'llr' | 'localities' | 'national';

  @ApiProperty({ type: [String], example: ['blaby', 'charnwood'] })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(SLUG, { each: true, message: 'each locality must be a locality slug such as blaby' })
  localities!: string[];
}

/** What every new case says about itself. */
export class CaseProfileDto {
  @ApiProperty({ example: '2016-17' })
  @Matches(/^\d{4}-\d{2}$/, { message: 'financialYear must be written like 2016-17' })
  financialYear!: string;

  @ApiPropertyOptional({ description: 'Your own id for the case (default: generated)', example: '2016-17-D-hate-crime' })
  @IsOptional()
  @Matches(/^[\w-]{1,80}$/, { message: 'caseId must be letters, digits and dashes' })
  caseId?: string;

  @ApiProperty({ example: 'Hate crime victim advocacy' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ example: 'Advocacy for victims of hate crime across LLR' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ example: 'supporting-victims' })
  @IsOptional()
  @Matches(SLUG, { message: 'theme must be a theme code such as supporting-victims' })
  theme?: string;

  @ApiPropertyOptional({ type: [String], example: ['SP7'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(PRIORITY, { each: true, message: "each primary priority must be one of the framework's priority codes" })
  primaryPriorities?: string[];

  @ApiPropertyOptional({ type: [String], example: ['SP9'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(PRIORITY, { each: true, message: "each secondary priority must be one of the framework's priority codes" })
  secondaryPriorities?: string[];

  @ApiPropertyOptional({ type: ReachDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReachDto)
  geographicalReach?: ReachDto;

  @ApiPropertyOptional({ description: 'Business date (default: today, Europe/London)', example: '2016-05-03' })
  @IsOptional()
  @IsBusinessDate()
  on?: string;
}

export class RaiseProposalDto extends CaseProfileDto {
  @ApiProperty({ enum: ['direct', 'co-commissioning'], example: 'direct' })
  @IsIn(['direct', 'co-commissioning'], { message: 'mechanism must be direct or co-commissioning (PLF cases open with a plan request, grants with an application)' })
  mechanism!: 'direct' | 'co-commissioning';

  @ApiProperty({ description: 'Estimated value in pence', example: 2500000 })
  @IsInt()
  @IsPositive()
  estimatedValuePence!: number;

  @ApiPropertyOptional({ example: 'leicester-city' })
  @IsOptional()
  @Matches(SLUG, { message: 'locality must be a locality slug such as blaby' })
  locality?: string;
}

export class RequestCspPlanDto extends CaseProfileDto {
  @ApiProperty({ description: 'The CSP whose plan is requested', example: 'blaby' })
  @Matches(SLUG, { message: 'locality must be a locality slug such as blaby' })
  locality!: string;
}

/** A person to contact about the application: personal data, kept encrypted under its own key. */
export class GrantContactDto {
  @ApiProperty({ example: 'Jo Bloggs' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: 'jo.bloggs@go-getta.example.org' })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '0116 496 0000' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{6,30}$/, { message: 'phone must be a telephone number (digits, spaces, + ( ) -)' })
  phone?: string;
}

export class ReceiveGrantApplicationDto extends CaseProfileDto {
  @ApiProperty({ example: 'round-2016-1' })
  @Matches(/^[\w-]{1,60}$/, { message: 'roundId must be letters, digits and dashes' })
  roundId!: string;

  @ApiProperty({ example: 'Go-Getta CIC' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  applicant!: string;

  @ApiProperty({ description: 'Amount applied for, in pence', example: 2158500 })
  @IsInt()
  @IsPositive()
  requestedPence!: number;

  @ApiPropertyOptional({ type: GrantContactDto, description: "The applicant's contact person (personal data: erasable, see README)" })
  @IsOptional()
  @ValidateNested()
  @Type(() => GrantContactDto)
  contact?: GrantContactDto;

  @ApiPropertyOptional({ example: 'charnwood' })
  @IsOptional()
  @Matches(SLUG, { message: 'locality must be a locality slug such as blaby' })
  locality?: string;
}
