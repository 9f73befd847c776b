import { caseDecider, deadlineKey, parseDeadlineKey } from '@app/domain';
import { specFor } from './given-when-then';
import { blabyProfile, event, plf, plfHistories, report } from './fixtures';

const given = specFor(caseDecider);
const caseId = blabyProfile.caseId;
const meeting = deadlineKey({ caseId, kind: 'plf-meeting' });
const remind = (daysBefore: number, on = '2016-02-01') =>
  ({ type: 'SendReminder', on, deadlineKey: meeting, dueOn: '2016-02-29', daysBefore, recipient: 'csp' }) as const;
const missed = (on: string) => ({ type: 'RecordDeadlineMissed', on, deadlineKey: meeting, dueOn: '2016-02-29' }) as const;
const sent = (daysBefore: number, sentOn = '2016-02-01') =>
  event('ReminderSent', { deadlineKey: meeting, kind: 'plf-meeting', dueOn: '2016-02-29', daysBefore, recipient: 'csp', on: sentOn });

describe('deadline keys', () => {
  it('round-trip every kind', () => {
    for (const ref of [
      { caseId, kind: 'plf-meeting' as const },
      { caseId, kind: 'contract-end' as const },
      { caseId, kind: 'performance-report' as const, measureId: 'asb-incidents', period: '2016-Q1' },
    ]) {
      expect(parseDeadlineKey(deadlineKey(ref))).toEqual(ref);
    }
    expect(parseDeadlineKey('nonsense')).toBeUndefined();
    expect(parseDeadlineKey(`${caseId}:performance-report`)).toBeUndefined();
  });
});

describe('reminders', () => {
  it('a reminder for an open deadline is sent once', () => {
    given(plfHistories.planSubmitted).when(remind(28)).then([sent(28)]);
    given([...plfHistories.planSubmitted, sent(28)]).when(remind(28)).then([]);
    given([...plfHistories.planSubmitted, sent(28)]).when(remind(14, '2016-02-15')).then([sent(14, '2016-02-15')]);
  });

  it('nothing is sent once the meeting has been held', () => {
    given(plfHistories.meetingHeld).when(remind(1)).then([]);
  });

  it('nothing is sent once the case is withdrawn', () => {
    given([...plfHistories.planRequested, event('ProposalWithdrawn', { reason: 'CSP merged', on: '2016-01-05' })])
      .when(remind(7))
      .then([]);
  });

  it('a performance report reminder stops once that period is reported', () => {
    const key = deadlineKey({ caseId, kind: 'performance-report', measureId: 'asb-incidents', period: '2016-Q1' });
    const command = { type: 'SendReminder', on: '2016-07-07', deadlineKey: key, dueOn: '2016-07-14', daysBefore: 7, recipient: 'contract-manager' } as const;
    given(plfHistories.active).when(command).thenMatches([{ type: 'ReminderSent' }]);
    given([...plfHistories.active, report('asb-incidents', '2016-Q1', 'green', 10, 12)]).when(command).then([]);
  });

  it('refuses a deadline of another case', () => {
    given(plfHistories.planSubmitted)
      .when({ ...remind(7), deadlineKey: '2016-17-B01:plf-meeting' })
      .thenThrows('UNKNOWN_DEADLINE', { field: 'deadlineKey' });
  });
});

describe('missed deadlines', () => {
  it('is recorded once, after the due date, and escalated to the OPCC lead', () => {
    given(plfHistories.planSubmitted)
      .when(missed('2016-03-01'))
      .then([event('DeadlineMissed', { deadlineKey: meeting, kind: 'plf-meeting', dueOn: '2016-02-29', on: '2016-03-01', escalatedTo: 'opcc-lead' })]);
    const recorded = event('DeadlineMissed', { deadlineKey: meeting, kind: 'plf-meeting', dueOn: '2016-02-29', on: '2016-03-01', escalatedTo: 'opcc-lead' });
    given([...plfHistories.planSubmitted, recorded]).when(missed('2016-03-02')).then([]);
  });

  it('is not recorded on or before the due date', () => {
    given(plfHistories.planSubmitted).when(missed('2016-02-29')).thenThrows('NOT_YET_DUE');
  });

  it('is not recorded when the meeting was held in time', () => {
    given(plfHistories.meetingHeld).when(missed('2016-03-01')).then([]);
  });

  it('leaves the stage where it was', () => {
    const recorded = event('DeadlineMissed', { deadlineKey: meeting, kind: 'plf-meeting', dueOn: '2016-02-29', on: '2016-03-01', escalatedTo: 'opcc-lead' });
    expect(given([...plfHistories.planSubmitted, recorded, sent(0)]).state()).toMatchObject({ stage: 'plan-submitted' });
  });
  void plf;
});

describe('a deadline moved by an extension', () => {
  const extended = event('MeetingDeadlineExtended', { previousDeadline: '2016-02-29', newDeadline: '2016-03-18', reason: 'Plan received late', on: '2016-03-02' });
  const missedOn = (dueOn: string, on: string) =>
    event('DeadlineMissed', { deadlineKey: meeting, kind: 'plf-meeting', dueOn, on, escalatedTo: 'opcc-lead' });

  it('is reminded of afresh for its new due date', () => {
    given([...plfHistories.planSubmitted, sent(7), missedOn('2016-02-29', '2016-03-01'), extended])
      .when({ ...remind(7, '2016-03-11'), dueOn: '2016-03-18' })
      .thenMatches([{ type: 'ReminderSent' }]);
  });

  it('can be missed again at its new due date, once', () => {
    const history = [...plfHistories.planSubmitted, missedOn('2016-02-29', '2016-03-01'), extended];
    given(history).when({ ...missed('2016-03-19'), dueOn: '2016-03-18' }).thenMatches([{ type: 'DeadlineMissed' }]);
    given([...history, missedOn('2016-03-18', '2016-03-19')]).when({ ...missed('2016-03-20'), dueOn: '2016-03-18' }).then([]);
  });
});
