import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { buildMessage, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateBy, type ValidationOptions } from 'class-validator';
import { IsBusinessDate } from '@app/platform';

/**
 * The property shapes the case command bodies repeat, each with its OpenAPI example.
 * Text refuses control characters other than tab and line breaks: the event store would
 * refuse a NUL only at append time, after an award has already moved the budget ledger.
 */
const PRINTABLE = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

export const ID = /^[\w-]{1,60}$/;

/** Only judges strings: IsString already names a value of another type. */
export const Printable = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'printable',
      validator: {
        validate: (value) => typeof value !== 'string' || PRINTABLE.test(value),
        defaultMessage: buildMessage((each) => `${each}$property must not contain control characters`, options),
      },
    },
    options,
  );

interface Described {
  readonly example: unknown;
  readonly description?: string;
}

export function Text(max: number, api: Described): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ ...api, maxLength: max }),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
    Printable(),
  );
}

export function OptionalText(max: number, api: Described): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ ...api, maxLength: max }),
    IsOptional(),
    IsString(),
    IsNotEmpty(),
    MaxLength(max),
    Printable(),
  );
}

/** An id the caller chooses (a plan line, a measure): letters, digits, _ and -. */
export function Identifier(api: Described): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ ...api, pattern: ID.source }),
    IsString(),
    Matches(ID, { message: '$property must be 1–60 letters, digits, _ or -' }),
  );
}

export function BusinessDate(api: Described): PropertyDecorator {
  return applyDecorators(ApiProperty({ ...api, format: 'date' }), IsBusinessDate());
}

export function OptionalBusinessDate(api: Described): PropertyDecorator {
  return applyDecorators(ApiPropertyOptional({ ...api, format: 'date' }), IsOptional(), IsBusinessDate());
}

/** Every case command's `on`: the business date it happens (default: today in Europe/London). */
export function On(example: string): PropertyDecorator {
  return OptionalBusinessDate({ example, description: 'Business date of the command, YYYY-MM-DD (default: today, Europe/London)' });
}
