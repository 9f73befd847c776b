import { type CaseProfile, workflowFor } from '@app/domain';
import { renderNotification } from '@app/reminders';
import { MAIL, MENTORING_CONTRACT, openedCase, plfProfile } from './reminder-fixtures';

const workflowOfProfile = (p: CaseProfile) => workflowFor(p.mechanism ?? 'additional-allocation', 1);

const PLF = openedCase({ type: 'RequestCspPlan', on: '2015-10-23', profile: plfProfile('2016-17-B50'), workflow: workflowOfProfile(plfProfile('2016-17-B50')), allocationPence: 4_470_000, meetingDeadline: '2016-02-29' });
const EVENT_ID = '0f8e2c9a-4b1d-5e6f-8a7b-9c0d1e2f3a4b';

describe('notification email', () => {
  it("a PLF meeting reminder: to the locality's CSP, what is due, by when in UK form, and the case link", () => {
    const email = renderNotification(
      {
        eventId: EVENT_ID,
        event: { type: 'ReminderSent', data: { deadlineKey: '2016-17-B50:plf-meeting', kind: 'plf-meeting', dueOn: '2016-02-29', daysBefore: 7, recipient: 'csp', on: '2016-02-22' } },
        state: PLF,
        localityName: 'Hinckley and Bosworth',
      },
      MAIL,
    );
    expect(email.to).toBe('csp.hinckley-and-bosworth@example.org');
    expect(email.subject).toBe('Reminder: PLF meeting to be held by 29 Feb 2016 (Hinckley and Bosworth PLF)');
    expect(email.text).toContain('For the Community Safety Partnership for Hinckley and Bosworth.');
    expect(email.text).toContain('is due by 29 Feb 2016, in 7 days.');
    expect(email.text).toContain('Case: https://ledger.example.org/cases/2016-17-B50');
    expect(email.messageId).toBe(`<${EVENT_ID}@ledger.example.org>`);
  });

  it("a performance report reminder names the measure and the period, for the provider's contract manager", () => {
    const contract = openedCase({
      type: 'ImportExistingCommitment',
      on: '2015-10-23',
      profile: { ...plfProfile('2016-17-B05'), mechanism: 'direct', title: 'Mentoring', locality: null }, workflow: workflowOfProfile({ ...plfProfile('2016-17-B05'), mechanism: 'direct', title: 'Mentoring', locality: null }),
      contract: MENTORING_CONTRACT,
    });
    const email = renderNotification(
      {
        eventId: EVENT_ID,
        event: {
          type: 'ReminderSent',
          data: { deadlineKey: '2016-17-B05:performance-report:mentored:2016-Q1', kind: 'performance-report', dueOn: '2016-07-14', daysBefore: 0, recipient: 'contract-manager', on: '2016-07-14' },
        },
        state: contract,
      },
      MAIL,
    );
    expect(email.to).toBe('contracts@example.org');
    expect(email.subject).toBe('Reminder: Performance report due: Young people completing mentoring, 2016-Q1 by 14 Jul 2016 (Mentoring)');
    expect(email.text).toContain('For the contract manager for Twenty-Twenty.');
    expect(email.text).toContain('is due by 14 Jul 2016, today.');
  });

  it('a missed deadline is escalated to the OPCC lead, copied to whom it concerned', () => {
    const email = renderNotification(
      {
        eventId: EVENT_ID,
        event: { type: 'DeadlineMissed', data: { deadlineKey: '2016-17-B50:plf-meeting', kind: 'plf-meeting', dueOn: '2016-02-29', on: '2016-03-01', escalatedTo: 'opcc-lead' } },
        state: PLF,
      },
      MAIL,
    );
    expect(email).toMatchObject({ to: 'opcc.lead@example.org', cc: 'csp.hinckley-and-bosworth@example.org' });
    expect(email.subject).toBe('Missed deadline: PLF meeting to be held was due by 29 Feb 2016 (Hinckley and Bosworth PLF)');
    expect(email.text).toContain('For the OPCC commissioning lead, escalated.');
    expect(email.text).toContain('recorded 1 Mar 2016');
    expect(email.text).toContain('It concerns the Community Safety Partnership for hinckley-and-bosworth.');
  });

  describe('an instalment withheld or released', () => {
    const mentoringProfile = { ...plfProfile('2016-17-B05'), mechanism: 'direct' as const, title: 'Mentoring', locality: null };
    const mentoring = openedCase({ type: 'ImportExistingCommitment', on: '2015-10-23', profile: mentoringProfile, workflow: workflowOfProfile(mentoringProfile), contract: MENTORING_CONTRACT });
    const second = mentoring.payments!.instalments[1];
    const amount = `£${(second.pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`;

    it("is sent to the contract manager: which instalment, how much, why, and what releases it", () => {
      const email = renderNotification(
        { eventId: EVENT_ID, event: { type: 'InstalmentWithheld', data: { instalmentId: second.id, reason: 'condition-unmet', condition: { kind: 'performance-report', period: '2016-Q2' }, dueOn: '2016-10-31', on: '2016-11-01' } }, state: mentoring },
        MAIL,
      );
      expect(email).toMatchObject({ to: 'contracts@example.org', subject: `Payment withheld: instalment ${second.id}, ${amount} (Mentoring)`, messageId: `<${EVENT_ID}@ledger.example.org>` });
      expect(email.cc).toBeUndefined();
      expect(email.text).toContain('For the contract manager for Twenty-Twenty.');
      expect(email.text).toContain('the 2016-Q2 performance report had not been received by its due date, 31 Oct 2016; it is released when it is');
      expect(email.text).toContain('Case: https://ledger.example.org/cases/2016-17-B05');
    });

    it('under achievement, says a remedial action releases it', () => {
      const email = renderNotification(
        { eventId: EVENT_ID, event: { type: 'InstalmentWithheld', data: { instalmentId: second.id, reason: 'under-achievement', condition: second.condition, dueOn: second.dueOn, on: '2016-09-01' } }, state: mentoring },
        MAIL,
      );
      expect(email.text).toContain('flagged for under-achievement with no remedial action agreed');
    });

    it("released, says so and why; a locality's case copies its CSP", () => {
      const email = renderNotification(
        { eventId: EVENT_ID, event: { type: 'InstalmentReleased', data: { instalmentId: second.id, reason: 'condition-unmet', on: '2016-11-07' } }, state: { ...mentoring, profile: { ...mentoring.profile, locality: 'charnwood' } }, localityName: 'Charnwood' },
        MAIL,
      );
      expect(email).toMatchObject({ to: 'contracts@example.org', cc: 'csp.charnwood@example.org', subject: `Payment released: instalment ${second.id}, ${amount} (Mentoring)` });
      expect(email.text).toContain('For the contract manager for Twenty-Twenty and the Community Safety Partnership for Charnwood.');
      expect(email.text).toContain('was released on 7 Nov 2016');
    });
  });
});
