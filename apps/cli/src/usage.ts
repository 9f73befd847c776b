import { businessDateProblem, DomainError } from '@app/domain';

/** A missing or bad option: the message names it; exit status 2, as a shell's usage errors have. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** The same shapes the API's path and query pipes accept, named by the CLI's option. */
export function financialYearOption(value: string | undefined, option = '--year'): string {
  if (value === undefined) throw new UsageError(`${option} <year> is required, e.g. ${option} 2016-17`);
  if (!/^\d{4}-\d{2}$/.test(value)) throw new UsageError(`${option} must be a financial year written like 2016-17 (not "${value}")`);
  return value;
}

export function caseIdOption(value: string | undefined): string {
  if (value === undefined) throw new UsageError('--case <caseId> is required, e.g. --case 2016-17-B05');
  if (!/^[\w-]{1,80}$/.test(value)) throw new UsageError(`--case must be a case id of letters, digits and dashes, e.g. 2016-17-B05 (not "${value}")`);
  return value;
}

export function businessDateOption(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const problem = businessDateProblem(value);
  if (problem) throw new UsageError(`${option} ${problem}`);
  return value;
}

export function choiceOption<T extends string>(value: string | undefined, option: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of: ${choices.join(', ')} (not "${value}")`);
  return value as T;
}

/** A refusal at the input's own boundary (a DomainError naming a field) told as the option that field came from. */
export function asUsage<T>(options: Readonly<Record<string, string>>, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DomainError && error.field && options[error.field]) throw new UsageError(`${options[error.field]} ${error.reason ?? error.message}`);
    throw error;
  }
}
