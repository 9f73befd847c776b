import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `limit`: 1–500 rows a page. */
export const PageSize = (description = 'Page size'): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description, minimum: 1, maximum: 500, example: 20 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(500),
  );

/** No read model holds near this many rows; beyond it an offset is a mistake (or 1e308). */
export const MAX_OFFSET = 10_000_000;

/** `offset`: rows to skip, in the order the description names. */
export const PageOffset = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description, minimum: 0, maximum: MAX_OFFSET, default: 0, example: 0 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(MAX_OFFSET),
  );
