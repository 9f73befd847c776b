import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { FieldError } from './problem-details';
import { problemType } from './problem-details';

/** Flattens class-validator errors to dotted field paths (`lines[2].valuePence`). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const path = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field: path, reason }));
    return [...own, ...fieldErrors(error.children ?? [], path)];
  });
}

/** Whitelisting, refusing unknown fields, transforming: every body is checked before a command is built. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const list = fieldErrors(errors);
      return new BadRequestException({
        type: problemType('VALIDATION_FAILED'),
        title: 'Validation failed',
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: list.map((e) => `${e.field}: ${e.reason}`).join('; '),
        errors: list,
      });
    },
  });
}
