import { caseDecider, type CaseEvent } from '@app/domain';
import { specFor } from './given-when-then';
import {
  asbIncidents,
  BLABY_ALLOCATION,
  blabyPlan,
  blabyPlanTotal,
  contractTerms,
  event,
  like,
  plf,
  PLF_DEADLINE,
  plfHistories,
  refusal,
} from './fixtures';

const spec = specFor(caseDecider);

const extendedTo = (newDeadline: string, extendedOn = '2016-03-01'): CaseEvent =>
  event('MeetingDeadlineExtended', { previousDeadline: PLF_DEADLINE, newDeadline, reason: 'CSP chair unavailable', on: extendedOn });
const excluded = (lineIds: string[], excludedPence: number): CaseEvent =>
  event('PlanLinesExcludedAsDuplicate', { lineIds, excludedPence, reason: 'Already funded by the county', on: '2016-02-26' });
const agreement = (valuePence: number) => contractTerms({ kind: 'agreement', provider: 'Blaby District Council', valuePence, measures: [asbIncidents] });

describe('Partnership Locality Fund workflow (6.2c), Blaby: £29,700', () => {
  it('uses the real Blaby allocation of Table 1', () => {
    expect(BLABY_ALLOCATION).toBe(2_970_000);
    expect(spec(plfHistories.planRequested).state()).toMatchObject({ allocationPence: 2_970_000, meetingDeadline: '2016-02-29' });
  });

  describe('SubmitCspPlan (from "plan-requested" or "plan-submitted", guards planWithinAllocation, planHasMeasures)', () => {
    it.each([
      ['plan-requested', plfHistories.planRequested],
      ['plan-submitted (a revised plan)', plfHistories.planSubmitted],
    ] as const)('accepts a plan with its budget breakdown and performance framework from %s', (_stage, history) => {
      spec(history)
        .when({ type: 'SubmitCspPlan', on: '2016-01-15', budgetLines: blabyPlan, performanceFramework: [asbIncidents] })
        .then([
          {
            type: 'CspPlanSubmitted',
            data: { on: '2016-01-15', budgetLines: blabyPlan, totalPence: 2_970_000, performanceFramework: [asbIncidents] },
          },
        ]);
    });

    it('accepts a plan for less than the allocation, totalling its lines', () => {
      const lines = [
        { id: 'A', description: 'CCTV review', pence: 120_050 },
        { id: 'B', description: 'Leaflets', pence: 9_950 },
      ];
      spec(plfHistories.planRequested)
        .when({ type: 'SubmitCspPlan', on: '2016-01-15', budgetLines: lines, performanceFramework: [asbIncidents] })
        .thenMatches([like('CspPlanSubmitted', { totalPence: 130_000 })]);
    });

    it('refuses plan lines summing to more than the allocation, by a penny', () => {
      const lines = [...blabyPlan.slice(0, 2), { id: 'L3', description: 'Outreach', pence: 470_001 }];
      spec(plfHistories.planRequested)
        .when({ type: 'SubmitCspPlan', on: '2016-01-15', budgetLines: lines, performanceFramework: [asbIncidents] })
        .thenThrows('PLAN_EXCEEDS_ALLOCATION', { field: 'budgetLines', message: /£29,700\.01 exceeds the locality's allocation of £29,700\.00/ });
      const error = refusal(() =>
        caseDecider.decide(
          { type: 'SubmitCspPlan', on: '2016-01-15', budgetLines: lines, performanceFramework: [asbIncidents] },
          plfHistories.planRequested.reduce(caseDecider.evolve, caseDecider.initialState),
        ),
      );
      expect(error.details).toEqual({ totalPence: 2_970_001, allocationPence: 2_970_000 });
    });

    it('refuses a plan without a budget breakdown', () => {
      spec(plfHistories.planRequested)
        .when({ type: 'SubmitCspPlan', on: '2016-01-15', budgetLines: [], performanceFramework: [asbIncidents] })
        .thenThrows('PLAN_INCOMPLETE', { field: 'budgetLines' });
    });

    it('refuses a plan without a performance framework', () => {
      spec(plfHistories.planRequested)
        .when({ type: 'SubmitCspPlan', on: '2016-01-15', budgetLines: blabyPlan, performanceFramework: [] })
        .thenThrows('PLAN_INCOMPLETE', { field: 'performanceFramework' });
    });
  });

  describe('ScheduleCspMeeting (from "plan-submitted" or "meeting-scheduled", guard meetingNotBeforeToday)', () => {
    it.each([
      ['plan-submitted', plfHistories.planSubmitted],
      ['meeting-scheduled (rescheduling)', plfHistories.meetingScheduled],
    ] as const)('schedules the meeting from %s', (_stage, history) => {
      spec(history)
        .when({ type: 'ScheduleCspMeeting', on: '2016-01-20', meetingOn: '2016-02-26' })
        .then([{ type: 'CspMeetingScheduled', data: { meetingOn: '2016-02-26', on: '2016-01-20' } }]);
    });

    it('allows a meeting on the day it is scheduled', () => {
      spec(plfHistories.planSubmitted)
        .when({ type: 'ScheduleCspMeeting', on: '2016-01-20', meetingOn: '2016-01-20' })
        .thenMatches([{ type: 'CspMeetingScheduled' }]);
    });

    it('refuses a meeting in the past', () => {
      spec(plfHistories.planSubmitted)
        .when({ type: 'ScheduleCspMeeting', on: '2016-01-20', meetingOn: '2016-01-19' })
        .thenThrows('INVALID_DATES', { field: 'meetingOn', message: /20 Jan 2016/ });
    });
  });

  describe('HoldCspMeeting (from "meeting-scheduled", guard meetingByDeadline): all meetings by the end of February 2016', () => {
    it('holds the meeting on 29 Feb 2016, the last day (a leap year)', () => {
      spec(plfHistories.meetingScheduled)
        .when({ type: 'HoldCspMeeting', on: '2016-02-29', notes: 'Plan agreed' })
        .then([{ type: 'CspMeetingHeld', data: { on: '2016-02-29', notes: 'Plan agreed' } }]);
    });

    it('holds it with no notes given: notes ""', () => {
      spec(plfHistories.meetingScheduled).when({ type: 'HoldCspMeeting', on: '2016-02-29' }).then([{ type: 'CspMeetingHeld', data: { on: '2016-02-29', notes: '' } }]);
    });

    it('refuses to hold it on 1 Mar 2016: DEADLINE_PASSED, a day late', () => {
      spec(plfHistories.meetingScheduled)
        .when({ type: 'HoldCspMeeting', on: '2016-03-01', notes: 'Plan agreed' })
        .thenThrows('DEADLINE_PASSED', { message: /held by 29 Feb 2016; 1 Mar 2016 is 1 day\(s\) late/ });
      const error = refusal(() =>
        caseDecider.decide(
          { type: 'HoldCspMeeting', on: '2016-03-01', notes: '' },
          plfHistories.meetingScheduled.reduce(caseDecider.evolve, caseDecider.initialState),
        ),
      );
      expect(error.details).toEqual({ deadline: '2016-02-29', heldOn: '2016-03-01' });
    });

    it('holds it on 1 Mar 2016 after the deadline is extended to 15 Mar 2016, but not after the new deadline', () => {
      const extended = [...plfHistories.meetingScheduled, extendedTo('2016-03-15')];
      spec(extended)
        .when({ type: 'HoldCspMeeting', on: '2016-03-01', notes: 'Held late, extension recorded' })
        .then([{ type: 'CspMeetingHeld', data: { on: '2016-03-01', notes: 'Held late, extension recorded' } }]);
      spec(extended).when({ type: 'HoldCspMeeting', on: '2016-03-15', notes: '' }).thenMatches([{ type: 'CspMeetingHeld' }]);
      spec(extended).when({ type: 'HoldCspMeeting', on: '2016-03-16', notes: '' }).thenThrows('DEADLINE_PASSED', { message: /15 Mar 2016/ });
    });
  });

  describe('ExtendMeetingDeadline (from every stage before the meeting, guards reasonGiven, extensionLaterThanDeadline)', () => {
    it.each([
      ['plan-requested', plfHistories.planRequested],
      ['plan-submitted', plfHistories.planSubmitted],
      ['meeting-scheduled', plfHistories.meetingScheduled],
    ] as const)('extends the deadline from %s, recording the previous one', (_stage, history) => {
      spec(history)
        .when({ type: 'ExtendMeetingDeadline', on: '2016-03-01', newDeadline: '2016-03-15', reason: 'CSP chair unavailable' })
        .then([
          {
            type: 'MeetingDeadlineExtended',
            data: { previousDeadline: '2016-02-29', newDeadline: '2016-03-15', reason: 'CSP chair unavailable', on: '2016-03-01' },
          },
        ]);
    });

    it('refuses an extension without a reason', () => {
      spec(plfHistories.meetingScheduled)
        .when({ type: 'ExtendMeetingDeadline', on: '2016-03-01', newDeadline: '2016-03-15', reason: '' })
        .thenThrows('REASON_REQUIRED', { field: 'reason' });
    });

    it.each(['2016-02-29', '2016-02-15'])('refuses a "new" deadline of %s, not after the current one', (newDeadline) => {
      spec(plfHistories.meetingScheduled)
        .when({ type: 'ExtendMeetingDeadline', on: '2016-02-01', newDeadline, reason: 'CSP chair unavailable' })
        .thenThrows('INVALID_DATES', { field: 'newDeadline', message: /29 Feb 2016/ });
    });

    it('measures a second extension against the extended deadline', () => {
      const extended = [...plfHistories.meetingScheduled, extendedTo('2016-03-15')];
      spec(extended)
        .when({ type: 'ExtendMeetingDeadline', on: '2016-03-10', newDeadline: '2016-03-10', reason: 'again' })
        .thenThrows('INVALID_DATES', { field: 'newDeadline', message: /15 Mar 2016/ });
      spec(extended)
        .when({ type: 'ExtendMeetingDeadline', on: '2016-03-10', newDeadline: '2016-03-31', reason: 'again' })
        .thenMatches([like('MeetingDeadlineExtended', { previousDeadline: '2016-03-15', newDeadline: '2016-03-31' })]);
    });
  });

  describe('ExcludeDuplicatePlanLines (from "meeting-held", guards reasonGiven, linesIncludedInPlan)', () => {
    it('excludes lines duplicating existing provision, totalling what they took', () => {
      spec(plfHistories.meetingHeld)
        .when({ type: 'ExcludeDuplicatePlanLines', on: '2016-02-26', lineIds: ['L2', 'L3'], reason: 'Already funded by the county' })
        .then([
          {
            type: 'PlanLinesExcludedAsDuplicate',
            data: { lineIds: ['L2', 'L3'], excludedPence: 1_470_000, reason: 'Already funded by the county', on: '2016-02-26' },
          },
        ]);
    });

    it('refuses an exclusion without a reason', () => {
      spec(plfHistories.meetingHeld)
        .when({ type: 'ExcludeDuplicatePlanLines', on: '2016-02-26', lineIds: ['L3'], reason: ' ' })
        .thenThrows('REASON_REQUIRED', { field: 'reason' });
    });

    it('refuses an exclusion naming no line', () => {
      spec(plfHistories.meetingHeld)
        .when({ type: 'ExcludeDuplicatePlanLines', on: '2016-02-26', lineIds: [], reason: 'dup' })
        .thenThrows('VALIDATION_FAILED', { field: 'lineIds' });
    });

    it('refuses a line the plan does not have', () => {
      spec(plfHistories.meetingHeld)
        .when({ type: 'ExcludeDuplicatePlanLines', on: '2016-02-26', lineIds: ['L3', 'L9'], reason: 'dup' })
        .thenThrows('UNKNOWN_PLAN_LINE', { field: 'lineIds', message: /L9/ });
    });

    it('refuses a line already excluded', () => {
      spec([...plfHistories.meetingHeld, excluded(['L3'], 470_000)])
        .when({ type: 'ExcludeDuplicatePlanLines', on: '2016-02-27', lineIds: ['L3'], reason: 'dup' })
        .thenThrows('ALREADY_EXCLUDED', { field: 'lineIds', message: /L3/ });
    });
  });

  describe('AwardContract (from "meeting-held", guards contractTermsValid, awardWithinAllocation)', () => {
    it('awards the agreement for the whole allocation when the plan asks for all of it', () => {
      const contract = agreement(BLABY_ALLOCATION);
      spec(plfHistories.meetingHeld)
        .when({ type: 'AwardContract', on: '2016-03-10', contract })
        .then([{ type: 'ContractAwarded', data: { contract, on: '2016-03-10' } }]);
    });

    it('refuses more than the allocation', () => {
      spec(plfHistories.meetingHeld)
        .when({ type: 'AwardContract', on: '2016-03-10', contract: agreement(BLABY_ALLOCATION + 1) })
        .thenThrows('AWARD_EXCEEDS_ALLOCATION', { field: 'contract.valuePence' });
    });

    it('refuses more than the plan asked for, when the plan is below the allocation', () => {
      const smallPlan = event('CspPlanSubmitted', {
        on: '2016-01-15',
        budgetLines: [{ id: 'A', description: 'CCTV', pence: 2_000_000 }],
        totalPence: 2_000_000,
        performanceFramework: [asbIncidents],
      });
      const history = [plf.requested, smallPlan, plf.scheduled, plf.held];
      spec(history).when({ type: 'AwardContract', on: '2016-03-10', contract: agreement(2_000_000) }).thenMatches([{ type: 'ContractAwarded' }]);
      spec(history).when({ type: 'AwardContract', on: '2016-03-10', contract: agreement(2_000_001) }).thenThrows('AWARD_EXCEEDS_ALLOCATION', {
        field: 'contract.valuePence',
      });
    });

    it('refuses invalid terms (contractTermsValid)', () => {
      spec(plfHistories.meetingHeld)
        .when({ type: 'AwardContract', on: '2016-03-10', contract: agreement(0) })
        .thenThrows('INVALID_AMOUNT', { field: 'contract.valuePence' });
      spec(plfHistories.meetingHeld)
        .when({ type: 'AwardContract', on: '2016-03-10', contract: { ...agreement(100), endDate: '2016-03-31' } })
        .thenThrows('INVALID_DATES', { field: 'contract.endDate' });
      spec(plfHistories.meetingHeld)
        .when({ type: 'AwardContract', on: '2016-03-10', contract: { ...agreement(100), measures: [asbIncidents, asbIncidents] } })
        .thenThrows('DUPLICATE_MEASURE', { field: 'contract.measures' });
    });
  });

  describe('RejectProposal and WithdrawProposal (from every pre-award stage, guard reasonGiven)', () => {
    const preAward = [
      ['plan-requested', plfHistories.planRequested],
      ['plan-submitted', plfHistories.planSubmitted],
      ['meeting-scheduled', plfHistories.meetingScheduled],
      ['meeting-held', plfHistories.meetingHeld],
    ] as const;

    it.each(preAward)('rejects from %s', (_stage, history) => {
      spec(history)
        .when({ type: 'RejectProposal', on: '2016-03-02', reason: 'Plan duplicates county provision' })
        .then([{ type: 'ProposalRejected', data: { reason: 'Plan duplicates county provision', on: '2016-03-02' } }]);
    });

    it.each(preAward)('withdraws from %s', (_stage, history) => {
      spec(history)
        .when({ type: 'WithdrawProposal', on: '2016-03-02', reason: 'CSP declined the contribution' })
        .then([{ type: 'ProposalWithdrawn', data: { reason: 'CSP declined the contribution', on: '2016-03-02' } }]);
    });

    it('refuses both without a reason', () => {
      spec(plfHistories.meetingHeld).when({ type: 'RejectProposal', on: '2016-03-02', reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
      spec(plfHistories.planRequested).when({ type: 'WithdrawProposal', on: '2016-03-02', reason: '' }).thenThrows('REASON_REQUIRED', { field: 'reason' });
    });
  });

  describe('illegal transitions', () => {
    it('refuses to hold a meeting that was never scheduled, naming the stage and what is allowed', () => {
      spec(plfHistories.planSubmitted)
        .when({ type: 'HoldCspMeeting', on: '2016-02-20', notes: '' })
        .thenThrows('ILLEGAL_TRANSITION', {
          message:
            /^HoldCspMeeting is not allowed while the case is at "Plan submitted" \(Partnership Locality Fund workflow v1\); allowed now: SubmitCspPlan, ScheduleCspMeeting, ExtendMeetingDeadline, RejectProposal, WithdrawProposal$/,
        });
    });

    it('refuses to extend the deadline once the meeting is held', () => {
      const error = refusal(() =>
        caseDecider.decide(
          { type: 'ExtendMeetingDeadline', on: '2016-03-01', newDeadline: '2016-03-15', reason: 'x' },
          plfHistories.meetingHeld.reduce(caseDecider.evolve, caseDecider.initialState),
        ),
      );
      expect(error.code).toBe('ILLEGAL_TRANSITION');
      expect(error.message).toMatch(/at "Meeting held"/);
      expect(error.details).toMatchObject({
        stage: 'meeting-held',
        allowed: ['ExcludeDuplicatePlanLines', 'AwardContract', 'RejectProposal', 'WithdrawProposal'],
      });
    });

    it('refuses to award before the meeting', () => {
      spec(plfHistories.meetingScheduled)
        .when({ type: 'AwardContract', on: '2016-02-20', contract: agreement(100) })
        .thenThrows('ILLEGAL_TRANSITION', { message: /"Meeting scheduled"/ });
    });
  });

  describe('evolve: the stage after each event', () => {
    it.each<[string, string, readonly CaseEvent[]]>([
      ['CspPlanRequested', 'plan-requested', plfHistories.planRequested],
      ['CspPlanSubmitted', 'plan-submitted', plfHistories.planSubmitted],
      ['CspPlanSubmitted again', 'plan-submitted', [...plfHistories.planSubmitted, plf.submitted]],
      ['CspMeetingScheduled', 'meeting-scheduled', plfHistories.meetingScheduled],
      ['CspMeetingScheduled again', 'meeting-scheduled', [...plfHistories.meetingScheduled, plf.scheduled]],
      ['MeetingDeadlineExtended at plan-requested', 'plan-requested', [...plfHistories.planRequested, extendedTo('2016-03-15')]],
      ['MeetingDeadlineExtended at plan-submitted', 'plan-submitted', [...plfHistories.planSubmitted, extendedTo('2016-03-15')]],
      ['MeetingDeadlineExtended at meeting-scheduled', 'meeting-scheduled', [...plfHistories.meetingScheduled, extendedTo('2016-03-15')]],
      ['CspMeetingHeld', 'meeting-held', plfHistories.meetingHeld],
      ['PlanLinesExcludedAsDuplicate', 'meeting-held', [...plfHistories.meetingHeld, excluded(['L3'], 470_000)]],
      ['ContractAwarded', 'active', plfHistories.active],
      ['ProposalRejected', 'rejected', [...plfHistories.meetingHeld, event('ProposalRejected', { reason: 'x', on: '2016-03-02' })]],
      ['ProposalWithdrawn', 'withdrawn', [...plfHistories.planRequested, event('ProposalWithdrawn', { reason: 'x', on: '2016-01-02' })]],
    ])('%s → %s', (_event, stage, history) => {
      expect(spec(history).state()).toMatchObject({ status: 'open', stage });
    });

    it('CspPlanSubmitted records the plan; CspMeetingScheduled and CspMeetingHeld the meeting date', () => {
      expect(spec(plfHistories.planSubmitted).state()).toMatchObject({
        planSubmittedOn: '2016-01-15',
        plan: { lines: blabyPlan, measures: [asbIncidents], excluded: [] },
      });
      expect(spec(plfHistories.meetingScheduled).state()).toMatchObject({ meetingOn: '2016-02-25' });
      const heldLater = [...plfHistories.meetingScheduled, event('CspMeetingHeld', { on: '2016-02-27', notes: '' })];
      expect(spec(heldLater).state()).toMatchObject({ meetingOn: '2016-02-27' });
      expect(blabyPlanTotal).toBe(BLABY_ALLOCATION);
    });

    it('MeetingDeadlineExtended moves the deadline, so a later HoldCspMeeting is allowed', () => {
      const extended = [...plfHistories.meetingScheduled, extendedTo('2016-03-15')];
      expect(spec(extended).state()).toMatchObject({ meetingDeadline: '2016-03-15' });
      spec(plfHistories.meetingScheduled).when({ type: 'HoldCspMeeting', on: '2016-03-07', notes: '' }).thenThrows('DEADLINE_PASSED');
      spec(extended).when({ type: 'HoldCspMeeting', on: '2016-03-07', notes: '' }).thenMatches([{ type: 'CspMeetingHeld' }]);
    });

    it('PlanLinesExcludedAsDuplicate reduces what may be awarded', () => {
      const afterExclusion = [...plfHistories.meetingHeld, excluded(['L3'], 470_000)];
      expect(spec(afterExclusion).state()).toMatchObject({ plan: { excluded: ['L3'] } });
      // Before: the whole £29,700 may be awarded. After excluding L3 (£4,700): at most £25,000.
      spec(plfHistories.meetingHeld).when({ type: 'AwardContract', on: '2016-03-10', contract: agreement(2_970_000) }).thenMatches([{ type: 'ContractAwarded' }]);
      spec(afterExclusion)
        .when({ type: 'AwardContract', on: '2016-03-10', contract: agreement(2_970_000) })
        .thenThrows('AWARD_EXCEEDS_ALLOCATION', { field: 'contract.valuePence', message: /plan lines not excluded £25,000\.00/ });
      spec(afterExclusion).when({ type: 'AwardContract', on: '2016-03-10', contract: agreement(2_500_001) }).thenThrows('AWARD_EXCEEDS_ALLOCATION');
      spec(afterExclusion).when({ type: 'AwardContract', on: '2016-03-10', contract: agreement(2_500_000) }).thenMatches([{ type: 'ContractAwarded' }]);
      const error = refusal(() =>
        caseDecider.decide(
          { type: 'AwardContract', on: '2016-03-10', contract: agreement(2_970_000) },
          afterExclusion.reduce(caseDecider.evolve, caseDecider.initialState),
        ),
      );
      expect(error.details).toEqual({ allocationPence: 2_970_000, includedPlanPence: 2_500_000 });
    });
  });
});
