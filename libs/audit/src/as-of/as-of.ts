import { addDays, businessDateOf, businessYears, DomainError, isBusinessDate } from '@app/domain';
import type { StoredEvent } from '@app/event-store';

/**
 * Which clock "as of" reads:
 * - `recorded` (default): metadata.recordedAt, when the ledger stored the event. The answer
 *   is what the ledger knew at that instant; it never changes once that instant has passed.
 * - `occurred`: metadata.occurredAt, the business time the event speaks of. The answer is the
 *   business position at that instant as the ledger knows it now, so it includes records
 *   back-dated later (a meeting held on 26 Feb, recorded on 3 Mar) and can still change.
 */
export type AsOfBasis = 'recorded' | 'occurred';
export const AS_OF_BASES: readonly AsOfBasis[] = ['recorded', 'occurred'];

export interface AsOf {
  readonly at: Date;
  readonly basis: AsOfBasis;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** The instant a Europe/London business day begins (midnight is 00:00 GMT or 23:00 UTC the day before in BST). */
export function londonMidnight(date: string): number {
  const bst = Date.parse(`${date}T00:00:00Z`) - 3_600_000;
  return businessDateOf(new Date(bst)) === date ? bst : bst + 3_600_000;
}

/**
 * A date-time with Z or an offset, or a plain date: the start (`from`) or the last instant
 * (`to`, `asOf`) of that day in Europe/London.
 */
export function parseInstant(value: unknown, field: string, bound: 'start' | 'end'): Date {
  if (isBusinessDate(value)) return new Date(bound === 'start' ? londonMidnight(value) : londonMidnight(addDays(value, 1)) - 1);
  // A date-time is held to the business years too: its day in Europe/London must be a business date.
  if (typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)) && isBusinessDate(businessDateOf(new Date(value)))) return new Date(value);
  const { first, last } = businessYears();
  throw DomainError.field(
    'VALIDATION_FAILED',
    field,
    `must be a date (YYYY-MM-DD, the whole day in Europe/London) or a date-time with Z or an offset (2016-03-01T12:00:00Z), in ${first}–${last}`,
  );
}

export function parseBasis(value: unknown, field = 'basis'): AsOfBasis {
  if (value === undefined || value === '') return 'recorded';
  if (AS_OF_BASES.includes(value as AsOfBasis)) return value as AsOfBasis;
  throw DomainError.field('VALIDATION_FAILED', field, `must be one of: ${AS_OF_BASES.join(', ')}`);
}

export function parseAsOf(asOf: unknown, basis?: unknown): AsOf {
  if (asOf === undefined || asOf === '') throw DomainError.field('VALIDATION_FAILED', 'asOf', 'is required');
  return { at: parseInstant(asOf, 'asOf', 'end'), basis: parseBasis(basis) };
}

export const timeOf = (event: StoredEvent, basis: AsOfBasis): number =>
  Date.parse(basis === 'recorded' ? event.metadata.recordedAt : event.metadata.occurredAt);

/**
 * Which events an as-of answer folds, fed in log order:
 * - `recorded`: each stream up to the instant (a stream's records only move forward in time).
 * - `occurred`: every event that had occurred by the instant, in its stream's order, even one
 *   recorded after an event that occurred later (a meeting held on 26 Feb recorded on 3 Mar,
 *   after a 1 Mar record): that is the business position as the ledger knows it now. A stream
 *   whose opening event occurred after the instant had not begun, and none of it is folded.
 */
export function asOfFilter(asOf: AsOf): (event: StoredEvent) => boolean {
  const at = asOf.at.getTime();
  if (asOf.basis === 'occurred') {
    const notBegun = new Set<string>();
    return (event) => {
      if (notBegun.has(event.streamId)) return false;
      if (timeOf(event, 'occurred') <= at) return true;
      if (event.revision === 0) notBegun.add(event.streamId);
      return false;
    };
  }
  const passed = new Set<string>();
  return (event) => {
    if (passed.has(event.streamId)) return false;
    if (timeOf(event, asOf.basis) <= at) return true;
    passed.add(event.streamId);
    return false;
  };
}

export const describeAsOf = (asOf: AsOf) => ({ at: asOf.at.toISOString(), basis: asOf.basis });
