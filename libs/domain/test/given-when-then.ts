import type { Decider, DomainEvent } from '@app/domain';
import { DomainError } from '@app/domain';

/**
 * Specifications for deciders: given a history, when a command, then these events, or
 * then a refusal with this code (and nothing else is decided).
 */
export function specFor<Command, Event extends DomainEvent, State>(decider: Decider<Command, Event, State>) {
  return (history: readonly Event[]) => ({
    when: (command: Command) => {
      const decide = () => decider.decide(command, history.reduce(decider.evolve, decider.initialState));
      return {
        then: (expected: readonly Event[]) => expect(decide()).toEqual(expected),
        thenMatches: (expected: readonly Partial<Event>[]) => expect(decide()).toMatchObject(expected),
        thenThrows: (code: string, details?: { field?: string; message?: RegExp }) => {
          let error: unknown;
          try {
            decide();
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe(code);
          if (details?.field) expect((error as DomainError).field).toBe(details.field);
          if (details?.message) expect((error as DomainError).message).toMatch(details.message);
        },
      };
    },
    /** The state after the history: for checking evolve. */
    state: () => history.reduce(decider.evolve, decider.initialState),
  });
}
