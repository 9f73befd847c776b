import { BadRequestException, type Type, ValidationPipe, type ValidationError } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
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

/**
 * What class-validator lets through a DTO: a nested DTO (`@ValidateNested()
 * geographicalReach: ReachDto`) sent as an array (it validates the items in the object's
 * place, so `[{…}]` would pass; the property's declared type says which it must be), and
 * null for an optional property (@IsOptional skips it, and `caseId: null` is then neither
 * absent nor a case id).
 */
export function shapeErrors(value: object): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const [property, child] of Object.entries(value)) {
    if (child === null) {
      errors.push({ property, constraints: { isNotNull: `${property} must be left out rather than sent as null` }, children: [] });
      continue;
    }
    if (typeof child !== 'object') continue;
    const declared = Reflect.getMetadata('design:type', Object.getPrototypeOf(value), property) as unknown;
    if (Array.isArray(child) && typeof declared === 'function' && declared !== Array && declared !== Object) {
      errors.push({ property, constraints: { isObject: `${property} must be an object, not an array` }, children: [] });
      continue;
    }
    const items = Array.isArray(child) ? child : [child];
    const children = items.flatMap((item, index) => {
      // `[{…}, [{…}]]` for a list of DTOs: class-transformer makes the inner array's items DTOs, and class-validator validates them in the item's place.
      if (Array.isArray(child) && Array.isArray(item) && item.some(isDto)) {
        return [{ property: String(index), constraints: { isObject: `${property}[${index}] must be an object, not an array` }, children: [] }];
      }
      if (item === null || typeof item !== 'object' || Object.getPrototypeOf(item) === Object.prototype) return [];
      const nested = shapeErrors(item as object);
      return nested.length === 0 ? [] : Array.isArray(child) ? [{ property: String(index), constraints: {}, children: nested }] : nested;
    });
    if (children.length > 0) errors.push({ property, constraints: {}, children });
  }
  return errors;
}

const isDto = (value: unknown): boolean =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype;

/** The stock pipe, with the declared shape of nested DTOs checked too. */
class StrictValidationPipe extends ValidationPipe {
  protected override async validate(object: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(object, options);
    return errors.length > 0 ? errors : shapeErrors(object);
  }
}

/** Whitelisting, refusing unknown fields, transforming: every body is checked before a command is built. */
export function strictValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
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

const OUTSIDE_A_REQUEST = strictValidationPipe();

/**
 * A value checked as the API checks a request body, where there is no request (a scenario's
 * command): the request class's instance, or every field refused, named as the API names them.
 */
export async function validateAsBody<T extends object>(value: unknown, metatype: Type<T>): Promise<{ value: T } | { errors: FieldError[] }> {
  try {
    return { value: (await OUTSIDE_A_REQUEST.transform(value, { type: 'body', metatype })) as T };
  } catch (error) {
    if (error instanceof BadRequestException) return { errors: (error.getResponse() as { errors: FieldError[] }).errors };
    throw error;
  }
}
