import { reminderPoliciesOf, reminderPolicyFor } from '@app/domain';

const PLF_MEETING = { kind: 'plf-meeting' as const, remindDaysBefore: [28, 14, 7, 1, 0] };

describe('reminder policy (how a deadline is chased)', () => {
  it("given no framework policy, when a deadline is chased, then it takes its workflow's offsets and escalates", () => {
    expect(reminderPolicyFor(PLF_MEETING)).toEqual({ remindDaysBefore: [28, 14, 7, 1, 0], escalate: true });
    expect(reminderPolicyFor(PLF_MEETING, {})).toEqual({ remindDaysBefore: [28, 14, 7, 1, 0], escalate: true });
  });

  it("given the framework's policy for the kind, then its offsets and escalation win", () => {
    const policies = reminderPoliciesOf({ reminderPolicies: { 'plf-meeting': { remindDaysBefore: [10, 3], escalate: false } } });
    expect(reminderPolicyFor(PLF_MEETING, policies)).toEqual({ remindDaysBefore: [10, 3], escalate: false });
  });

  it("given a policy for another kind only, then the workflow's offsets stand", () => {
    const policies = reminderPoliciesOf({ reminderPolicies: { 'contract-end': { remindDaysBefore: [7] } } });
    expect(reminderPolicyFor(PLF_MEETING, policies)).toEqual({ remindDaysBefore: [28, 14, 7, 1, 0], escalate: true });
  });

  it('ignores a framework policy that is not well formed; escalation defaults to on', () => {
    expect(reminderPoliciesOf({ reminderPolicies: { 'plf-meeting': { remindDaysBefore: [-1, 'x'] }, unknown: {} } })).toEqual({});
    expect(reminderPoliciesOf(undefined)).toEqual({});
    expect(reminderPoliciesOf({ reminderPolicies: { 'contract-end': { remindDaysBefore: [7] } } })).toEqual({
      'contract-end': { remindDaysBefore: [7], escalate: true },
    });
  });
});
