import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import { businessDateProblem, businessYears, isBusinessDate } from '@app/domain';
import { problemType } from './problem-details';

/** A calendar date written YYYY-MM-DD that exists (2016-02-29 does, 2015-02-29 does not), in the business years. */
export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBusinessDate',
      validator: {
        validate: (value) => isBusinessDate(value),
        defaultMessage: buildMessage(
          (each, args) =>
            typeof args?.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(args.value)
              ? `${each}$property: ${businessDateProblem(args.value) ?? ''} (Europe/London business date)`
              : `${each}$property must be a real date written YYYY-MM-DD in ${businessYears().first}–${businessYears().last} (Europe/London business date)`,
          options,
        ),
      },
    },
    options,
  );
}

/** A route parameter that must match a pattern; refused as problem+json naming it. */
@Injectable()
export class PatternPipe implements PipeTransform<string, string> {
  constructor(
    private readonly field: string,
    private readonly pattern: RegExp,
    private readonly description: string,
  ) {}

  transform(value: string): string {
    if (this.pattern.test(value)) return value;
    const reason = `must be ${this.description}`;
    throw new BadRequestException({
      type: problemType('VALIDATION_FAILED'),
      title: 'Validation failed',
      status: 400,
      code: 'VALIDATION_FAILED',
      detail: `${this.field}: ${reason}`,
      errors: [{ field: this.field, reason }],
    });
  }
}

export const FinancialYearPipe = new PatternPipe('financialYear', /^\d{4}-\d{2}$/, 'a financial year written like 2016-17');
export const CaseIdPipe = new PatternPipe('caseId', /^[\w-]{1,80}$/, 'a case id of letters, digits and dashes');
