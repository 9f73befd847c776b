/**
 * A refused command: a stable code (mapped to HTTP in one place), a sentence for
 * people, and, where one field is to blame, that field and the reason.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly field?: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static field(code: string, field: string, reason: string, details: Record<string, unknown> = {}): DomainError {
    return new DomainError(code, `${field}: ${reason}`, details, field, reason);
  }
}
