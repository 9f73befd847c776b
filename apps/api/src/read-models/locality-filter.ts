import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, Matches } from 'class-validator';
import { isNoLocalityFilter, LOCALITY_SLUG } from '@app/auth';

/** `locality`: a locality slug, or absent; sent empty it is absent too, as the access guard reads a CSP user's. */
export const LocalityFilter = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description: `${description}; empty is the same as leaving it out`, example: 'blaby' }),
    Transform(({ value }) => (isNoLocalityFilter(value) ? undefined : value)),
    IsOptional(),
    Matches(LOCALITY_SLUG, { message: 'locality must be a locality slug such as blaby' }),
  );
