import { type FieldError, type ProblemDetails, problemType, statusForCode, titleFor } from '../problem-details';

/**
 * Input refused at the boundary, before any handler ran: carries its problem details.
 * A plain Error (not an HttpException) because the JSON body parser rethrows what its
 * verify hook throws; `type` keeps it recognisable there.
 */
export class InputRefused extends Error {
  readonly type = 'input.refused';
  readonly problem: ProblemDetails;

  constructor(code: string, field: string, reason: string) {
    super(`${field}: ${reason}`);
    const errors: FieldError[] = [{ field, reason }];
    this.problem = { type: problemType(code), title: titleFor(code), status: statusForCode(code), detail: `${field}: ${reason}`, code, errors };
  }
}

export const isInputRefused = (error: unknown): error is InputRefused =>
  error instanceof InputRefused || ((error as { type?: unknown } | null)?.type === 'input.refused' && typeof (error as InputRefused).problem === 'object');

export const invalid = (field: string, reason: string) => new InputRefused('VALIDATION_FAILED', field, reason);
export const unsupportedMediaType = (reason: string) => new InputRefused('UNSUPPORTED_MEDIA_TYPE', 'Content-Type', reason);
