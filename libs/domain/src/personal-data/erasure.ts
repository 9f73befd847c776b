import { DomainError } from '../shared/domain-error';
import type { BusinessDate } from '../shared/business-date';
import { retentionClassOf } from './retention';

/** The key of a data subject is destroyed: their fields in the log are beyond use from now on. */
export type PersonalDataErased = {
  type: 'PersonalDataErased';
  data: {
    subjectId: string;
    reason: string;
    retention: ReadonlyArray<{ eventType: string; retentionClass: string; keepFor: string }>;
    streams: readonly string[];
    erasedOn: BusinessDate;
  };
};

export const erasureStreamId = (subjectId: string): string => `personal-data-${subjectId}`;

export interface EraseSubject {
  readonly subjectId: string;
  readonly reason: string;
  readonly on: BusinessDate;
  /** Where the subject's fields are: each event's stream and type. */
  readonly occurrences: ReadonlyArray<{ streamId: string; eventType: string }>;
  /** Cases among those streams that are on legal hold, with the hold's reason. */
  readonly holds: ReadonlyArray<{ streamId: string; reason: string }>;
  readonly alreadyErased: boolean;
}

/** Erasure is refused while any record holding the subject's data is on legal hold. */
export function decideErasure(command: EraseSubject): PersonalDataErased[] {
  if (command.alreadyErased) throw new DomainError('ALREADY_ERASED', `Subject ${command.subjectId} has already been erased`);
  if (!command.reason.trim()) throw DomainError.field('VALIDATION_FAILED', 'reason', 'say why the personal data is erased');
  if (command.holds.length > 0) {
    throw new DomainError(
      'LEGAL_HOLD',
      `Subject ${command.subjectId} cannot be erased: ${command.holds.map((h) => `${h.streamId} is on legal hold (${h.reason})`).join('; ')}`,
      { holds: command.holds },
    );
  }
  const types = [...new Set(command.occurrences.map((o) => o.eventType))].sort();
  return [
    {
      type: 'PersonalDataErased',
      data: {
        subjectId: command.subjectId,
        reason: command.reason,
        retention: types.map((eventType) => {
          const rule = retentionClassOf(eventType);
          return { eventType, retentionClass: rule.id, keepFor: rule.keepFor };
        }),
        streams: [...new Set(command.occurrences.map((o) => o.streamId))].sort(),
        erasedOn: command.on,
      },
    },
  ];
}
