import { caseDecider, type CaseEvent, type OpenCase } from '@app/domain';
import { specFor } from './given-when-then';
import { blabyProfile, directHistories, event, plfHistories, profile } from './fixtures';

const spec = specFor(caseDecider);
const on = '2016-10-01';
const reason = 'Blaby and Harborough CSPs merged';
const move = { type: 'ChangeLocality' as const, on, reason, from: 'blaby', into: 'harborough' };
const moved = event('LocalityChanged', { on, reason, from: 'blaby', into: 'harborough' });
const stateOf = (history: CaseEvent[]) => spec(history).state() as OpenCase;

describe('a case moves with its locality when the framework merges it away', () => {
  it('given a PLF case placed in Blaby, when Blaby joins Harborough, then LocalityChanged moves its locality; its reach and stage stay', () => {
    spec(plfHistories.planSubmitted).when(move).then([moved]);
    const before = stateOf(plfHistories.planSubmitted);
    const after = stateOf([...plfHistories.planSubmitted, moved]);
    expect(after.profile).toEqual({ ...blabyProfile, locality: 'harborough' });
    expect(after.stage).toBe(before.stage);
  });

  it('moves a case whatever its stage, an awarded one as much as one just opened', () => {
    spec(plfHistories.active).when(move).then([moved]);
    spec(plfHistories.planRequested).when(move).then([moved]);
  });

  it('a case that only reaches Blaby is not placed there: it is not moved', () => {
    const reaching = profile('direct', { caseId: '2016-17-D-reach', locality: 'melton', geographicalReach: { asPrinted: null, scope: 'localities', localities: ['blaby', 'melton'] } });
    const opened = [event('ProposalRaised', { ...(directHistories.proposed[0].data as object), profile: reaching } as never)];
    spec(opened).when(move).thenThrows('UNKNOWN_LOCALITY', { field: 'from', message: /placed in "melton"/ });
  });

  it('a case already moved records nothing again; one that never touched Blaby is refused naming the field', () => {
    spec([...plfHistories.planSubmitted, moved]).when(move).then([]);
    spec(directHistories.proposed).when(move).thenThrows('UNKNOWN_LOCALITY', { field: 'from' });
    spec(plfHistories.planSubmitted).when({ ...move, into: 'blaby' }).thenThrows('INVALID_FIELD', { field: 'into' });
  });
});
