import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { DOCUMENT_KINDS } from '@app/domain';
import { IsBusinessDate, PatternPipe } from '@app/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The multipart form's text fields; the file itself is read by DocumentUploadInterceptor. */
export class AttachDocumentForm {
  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'plan' })
  @IsIn(DOCUMENT_KINDS, { message: `kind must be one of: ${DOCUMENT_KINDS.join(', ')}` })
  kind!: string;

  @ApiPropertyOptional({ description: 'The current document this one replaces', example: '0b6f8f9e-3c1a-4b59-9a51-2f3f1d7c0a11' })
  @IsOptional()
  @Matches(UUID, { message: 'supersedes must be the id of a document of this case' })
  supersedes?: string;

  @ApiPropertyOptional({ description: 'Business date (default: today, Europe/London)', example: '2016-02-10' })
  @IsOptional()
  @IsBusinessDate()
  on?: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Uploaded to the wrong case' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ example: '2016-02-11' })
  @IsOptional()
  @IsBusinessDate()
  on?: string;
}

export const DocumentIdPipe = new PatternPipe('documentId', UUID, 'a document id (UUID)');

/** The whole form for OpenAPI: the file and the fields of AttachDocumentForm. */
export const ATTACH_DOCUMENT_SCHEMA = {
  type: 'object',
  required: ['file', 'kind'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'The document: PDF, Office/OpenDocument, CSV or an image, told by its content' },
    kind: { type: 'string', enum: [...DOCUMENT_KINDS], example: 'plan' },
    supersedes: { type: 'string', format: 'uuid', description: 'The current document this one replaces' },
    on: { type: 'string', format: 'date', description: 'Business date (default: today, Europe/London)', example: '2016-02-10' },
  },
};
