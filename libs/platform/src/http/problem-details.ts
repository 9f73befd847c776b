import { HttpStatus } from '@nestjs/common';

/** RFC 9457 problem details, with the fields that were wrong and why. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  reason: string;
}

/** Stable error codes and the HTTP status each means: the one place that maps them. */
export const STATUS_BY_CODE: Record<string, number> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  INVALID_EVENT: HttpStatus.BAD_REQUEST,
  WRONG_EXPECTED_REVISION: HttpStatus.CONFLICT,
  EVENT_ID_CONFLICT: HttpStatus.CONFLICT,
  IDEMPOTENCY_KEY_REUSED: HttpStatus.UNPROCESSABLE_ENTITY,
  PRECONDITION_REQUIRED: HttpStatus.PRECONDITION_REQUIRED,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CASE_NOT_FOUND: HttpStatus.NOT_FOUND,
  FRAMEWORK_NOT_FOUND: HttpStatus.NOT_FOUND,
  MALFORMED_JSON: HttpStatus.BAD_REQUEST,
  MALFORMED_REQUEST: HttpStatus.BAD_REQUEST,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  DOCUMENT_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_DOCUMENT_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  DOCUMENT_NOT_FOUND: HttpStatus.NOT_FOUND,
  SCANNER_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  DOCUMENT_ALTERED: HttpStatus.INTERNAL_SERVER_ERROR,
  DATABASE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  STORAGE_FULL: HttpStatus.SERVICE_UNAVAILABLE,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  SIGN_IN_FAILED: HttpStatus.FORBIDDEN,
  SIGN_IN_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Domain refusals not listed above are business-rule violations: 422. */
export function statusForCode(code: string): number {
  return STATUS_BY_CODE[code] ?? HttpStatus.UNPROCESSABLE_ENTITY;
}

export function problemType(code: string): string {
  return `https://commissioning-ledger.org.uk/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

export function titleFor(code: string): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
