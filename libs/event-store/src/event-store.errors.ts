/** Errors every adapter raises, each with a stable code mapped to HTTP in one place. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

export class WrongExpectedRevision extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    /** -1 when the stream has no events. */
    readonly actual: number,
  ) {
    super(`Stream "${streamId}" is at revision ${actual === -1 ? 'none (no stream)' : actual}, expected ${expected}`);
    this.name = 'WrongExpectedRevision';
  }
}

export class InvalidEvent extends EventStoreError {
  readonly code = 'INVALID_EVENT';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidEvent';
  }
}

/** Some, not all, of an append's event ids are stored already, or are stored on another stream. */
export class EventIdConflict extends EventStoreError {
  readonly code = 'EVENT_ID_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Event ids already stored elsewhere or only partly in stream "${streamId}": ${eventIds.join(', ')}`);
    this.name = 'EventIdConflict';
  }
}
