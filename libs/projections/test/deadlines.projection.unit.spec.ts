import { workflowFor } from '@app/domain';
import { type CaseDeadlinesDoc, type Deadline, deadlinesOf, deadlinesProjection } from '@app/projections/deadlines';
import { contract, imported, measure, onCase, profile, reported, resetRevisions } from './contract-fixtures';
import { given } from './projection-spec';
import { frameworkImported, seedDefinition, seedImport } from './seed-events';

const BLABY = '2016-17-PLF-BLABY';
const MENTORING = '2016-17-B05';

const planRequested = () =>
  onCase(BLABY, {
    type: 'CspPlanRequested',
    data: {
      profile: profile(BLABY, { mechanism: 'plf', title: 'Blaby PLF', theme: null, primaryPriorities: [], locality: 'blaby' }),
      workflow: { id: 'plf', version: 1 },
      allocationPence: 2_970_000,
      meetingDeadline: '2016-02-29',
      on: '2015-10-23',
    },
  }, '2015-10-23');

/** The deadline as it is listed, with its case's fields. */
const deadline = (events: Parameters<typeof given>[1], caseId: string, key: string): Deadline | undefined => {
  const doc = given(deadlinesProjection, events).then(caseId) as CaseDeadlinesDoc | undefined;
  return doc && deadlinesOf(doc).find((d) => d.key === key);
};

describe('deadlines projection', () => {
  beforeEach(resetRevisions);

  describe('PLF meeting', () => {
    it('is opened by the plan request, due on its meeting deadline, for the CSP of the locality', () => {
      expect(deadline([planRequested()], BLABY, `${BLABY}:plf-meeting`)).toMatchObject({
        key: `${BLABY}:plf-meeting`,
        caseId: BLABY,
        financialYear: '2016-17',
        kind: 'plf-meeting',
        label: 'PLF meeting to be held',
        dueOn: '2016-02-29',
        status: 'open',
        openedOn: '2015-10-23',
        metOn: null,
        concerns: 'csp',
        locality: 'blaby',
        remindDaysBefore: [28, 14, 7, 1, 0],
        escalateTo: 'opcc-lead',
      });
    });

    it("keeps the case's fields once, on the document, and its workflow's deadline rules, not the whole workflow", () => {
      const doc = given(deadlinesProjection, [planRequested()]).then(BLABY) as CaseDeadlinesDoc;
      expect(doc.workflow).toEqual({ id: 'plf', version: 1 });
      expect(doc.rules.map((r) => r.kind)).toEqual(workflowFor('plf', 1).deadlines.map((r) => r.kind));
      for (const field of ['caseId', 'financialYear', 'caseTitle', 'locality']) expect(doc.deadlines[`${BLABY}:plf-meeting`]).not.toHaveProperty(field);
      expect(deadlinesOf(doc)).toEqual([expect.objectContaining({ caseId: BLABY, financialYear: '2016-17', caseTitle: 'Blaby PLF', locality: 'blaby' })]);
    });

    it('is moved by an extension, which is kept', () => {
      const extended = onCase(BLABY, {
        type: 'MeetingDeadlineExtended',
        data: { previousDeadline: '2016-02-29', newDeadline: '2016-03-14', reason: 'CSP board postponed', on: '2016-02-10' },
      }, '2016-02-10');
      expect(deadline([planRequested(), extended], BLABY, `${BLABY}:plf-meeting`)).toMatchObject({
        dueOn: '2016-03-14',
        status: 'open',
        moves: [{ from: '2016-02-29', to: '2016-03-14', on: '2016-02-10', reason: 'CSP board postponed' }],
      });
    });

    it('is met by the meeting', () => {
      const held = onCase(BLABY, { type: 'CspMeetingHeld', data: { on: '2016-02-18', notes: '' } }, '2016-02-18');
      expect(deadline([planRequested(), held], BLABY, `${BLABY}:plf-meeting`)).toMatchObject({ status: 'met', metOn: '2016-02-18' });
    });

    it('is cancelled when the proposal is withdrawn or rejected', () => {
      const withdrawn = onCase(BLABY, { type: 'ProposalWithdrawn', data: { reason: 'No plan this year', on: '2016-01-05' } }, '2016-01-05');
      expect(deadline([planRequested(), withdrawn], BLABY, `${BLABY}:plf-meeting`)).toMatchObject({ status: 'cancelled', cancelledOn: '2016-01-05' });
    });

    it('recorded missed stays open to be met, then is met-late', () => {
      const missed = onCase(BLABY, {
        type: 'DeadlineMissed',
        data: { deadlineKey: `${BLABY}:plf-meeting`, kind: 'plf-meeting', dueOn: '2016-02-29', on: '2016-03-01' },
      }, '2016-03-01');
      const events = [planRequested(), missed];
      expect(deadline(events, BLABY, `${BLABY}:plf-meeting`)).toMatchObject({ status: 'missed', missedOn: '2016-03-01' });
      const held = onCase(BLABY, { type: 'CspMeetingHeld', data: { on: '2016-03-04', notes: '' } }, '2016-03-04');
      expect(deadline([...events, held], BLABY, `${BLABY}:plf-meeting`)).toMatchObject({ status: 'met-late', metOn: '2016-03-04', missedOn: '2016-03-01' });
    });

    it('the 2016/17 import opens one for each of the 9 CSPs, all due 29 Feb 2016', () => {
      const { docs } = given(deadlinesProjection, seedImport());
      const plf = [...docs.values()].flatMap(deadlinesOf).filter((d) => d.kind === 'plf-meeting');
      expect(plf).toHaveLength(9);
      expect(new Set(plf.map((d) => d.dueOn))).toEqual(new Set(['2016-02-29']));
      expect(plf.every((d) => d.status === 'open' && d.locality !== null)).toBe(true);
    });
  });

  describe("reminder offsets: the framework's policy, else the workflow's", () => {
    const withPolicies = (reminderPolicies: Record<string, { remindDaysBefore: number[]; escalate?: boolean }>) =>
      seedImport({ ...seedDefinition(), reminderPolicies });
    const blabyMeeting = (events: Parameters<typeof given>[1]) =>
      [...given(deadlinesProjection, events).docs.values()].flatMap(deadlinesOf).find((d) => d.kind === 'plf-meeting' && d.locality === 'blaby');

    it("given a framework without a policy, then each deadline shows its workflow version's offsets and escalates", () => {
      expect(blabyMeeting(seedImport())).toMatchObject({ remindDaysBefore: [28, 14, 7, 1, 0], escalate: true });
    });

    it("given the framework's policy for PLF meetings, then the row shows the framework's offsets and escalation, which the scheduler uses", () => {
      const events = withPolicies({ 'plf-meeting': { remindDaysBefore: [21, 3], escalate: false } });
      expect(blabyMeeting(events)).toMatchObject({ dueOn: '2016-02-29', remindDaysBefore: [21, 3], escalate: false });
    });

    it("given a policy for another kind only, then PLF meetings keep the workflow's offsets; contract ends take the policy", () => {
      const events = withPolicies({ 'contract-end': { remindDaysBefore: [45] } });
      expect(blabyMeeting(events)).toMatchObject({ remindDaysBefore: [28, 14, 7, 1, 0], escalate: true });
      const ends = [...given(deadlinesProjection, events).docs.values()].flatMap(deadlinesOf).filter((d) => d.kind === 'contract-end');
      expect(ends.length).toBeGreaterThan(0);
      expect(ends.every((d) => d.remindDaysBefore.join() === '45' && d.escalate)).toBe(true);
    });

    it("keeps a year's policies to that year: another year's framework does not change these cases", () => {
      const other = frameworkImported({ ...seedDefinition(), financialYear: '2017-18', reminderPolicies: { 'plf-meeting': { remindDaysBefore: [2] } } });
      expect(blabyMeeting([other, ...seedImport()])).toMatchObject({ remindDaysBefore: [28, 14, 7, 1, 0] });
    });

    it('lists no deadline for the framework year itself', () => {
      const { docs } = given(deadlinesProjection, withPolicies({ 'plf-meeting': { remindDaysBefore: [1] } }));
      expect(docs.has('framework:2016-17')).toBe(true);
      expect(deadlinesOf(docs.get('framework:2016-17')!)).toEqual([]);
    });
  });

  describe('performance reports', () => {
    const q = (period: string) => `${MENTORING}:performance-report:mentored:${period}`;

    it('open for the first quarter of a contract starting 1 April 2016, due 14 days after the quarter: 14 Jul 2016', () => {
      expect(deadline([imported(MENTORING)], MENTORING, q('2016-Q1'))).toMatchObject({
        kind: 'performance-report',
        label: 'Performance report due: Measure mentored, 2016-Q1',
        dueOn: '2016-07-14',
        status: 'open',
        measureId: 'mentored',
        period: '2016-Q1',
        concerns: 'contract-manager',
        provider: 'Twenty-Twenty',
        remindDaysBefore: [14, 7, 1, 0],
      });
    });

    it('reporting 2016-Q1 meets it and opens 2016-Q2, due 14 Oct 2016', () => {
      const events = [imported(MENTORING), reported(MENTORING, 'mentored', '2016-Q1', 64, 'green', '2016-07-08')];
      expect(deadline(events, MENTORING, q('2016-Q1'))).toMatchObject({ status: 'met', metOn: '2016-07-08' });
      expect(deadline(events, MENTORING, q('2016-Q2'))).toMatchObject({ status: 'open', dueOn: '2016-10-14', openedOn: '2016-07-08' });
    });

    it('opens no period that starts after the contract ends', () => {
      const events = [imported(MENTORING, contract({ endDate: '2016-09-30' })), reported(MENTORING, 'mentored', '2016-Q1', 64, 'green', '2016-07-08')];
      const { docs } = given(deadlinesProjection, [...events, reported(MENTORING, 'mentored', '2016-Q2', 61, 'green', '2016-10-03')]);
      expect(Object.keys((docs.get(MENTORING) as CaseDeadlinesDoc).deadlines).filter((k) => !k.includes(':payment-instalment:')).sort()).toEqual([`${MENTORING}:contract-end`, q('2016-Q1'), q('2016-Q2')]);
    });

    it('a report after its day is met-late; recorded missed, the next period opens all the same', () => {
      const missed = onCase(MENTORING, { type: 'DeadlineMissed', data: { deadlineKey: q('2016-Q1'), kind: 'performance-report', dueOn: '2016-07-14', on: '2016-07-15' } }, '2016-07-15');
      const events = [imported(MENTORING), missed];
      expect(deadline(events, MENTORING, q('2016-Q1'))).toMatchObject({ status: 'missed' });
      expect(deadline(events, MENTORING, q('2016-Q2'))).toMatchObject({ status: 'open', dueOn: '2016-10-14' });
      const late = [...events, reported(MENTORING, 'mentored', '2016-Q1', 50, 'red', '2016-07-20')];
      expect(deadline(late, MENTORING, q('2016-Q1'))).toMatchObject({ status: 'met-late', metOn: '2016-07-20' });
    });

    it('monthly periods are calendar months; a report written 2016-M01 meets 2016-04', () => {
      const monthly = contract({ measures: [measure('mentored', { frequency: 'monthly' })] });
      const events = [imported(MENTORING, monthly), reported(MENTORING, 'mentored', '2016-M01', 20, 'green', '2016-05-06')];
      expect(deadline(events, MENTORING, q('2016-04'))).toMatchObject({ status: 'met', dueOn: '2016-05-14' });
      expect(deadline(events, MENTORING, q('2016-05'))).toMatchObject({ status: 'open', dueOn: '2016-06-14' });
    });

    it('measures agreed later start with the period containing the later of the contract start and the agreement', () => {
      const bare = imported(MENTORING, contract({ measures: [] }));
      const agreed = (on: string) => onCase(MENTORING, { type: 'PerformanceMeasuresAgreed', data: { measures: [measure('mentored')], on } }, on);
      expect(deadline([bare, agreed('2016-03-10')], MENTORING, q('2016-Q1'))).toMatchObject({ dueOn: '2016-07-14', status: 'open' });
      resetRevisions();
      const later = [imported(MENTORING, contract({ measures: [] })), agreed('2016-08-02')];
      expect(deadline(later, MENTORING, q('2016-Q1'))).toBeUndefined();
      expect(deadline(later, MENTORING, q('2016-Q2'))).toMatchObject({ dueOn: '2016-10-14' });
    });

    it("a measure dropped by a new agreement has its open deadline cancelled", () => {
      const replaced = onCase(MENTORING, { type: 'PerformanceMeasuresAgreed', data: { measures: [measure('reoffending')], on: '2016-05-03' } }, '2016-05-03');
      const events = [imported(MENTORING), replaced];
      expect(deadline(events, MENTORING, q('2016-Q1'))).toMatchObject({ status: 'cancelled', cancelledOn: '2016-05-03' });
      expect(deadline(events, MENTORING, `${MENTORING}:performance-report:reoffending:2016-Q1`)).toMatchObject({ status: 'open', dueOn: '2016-07-14' });
    });
  });

  describe('contract end', () => {
    const end = `${MENTORING}:contract-end`;

    it('is due on the end date, for the OPCC lead, and moves with a variation', () => {
      expect(deadline([imported(MENTORING)], MENTORING, end)).toMatchObject({ dueOn: '2017-03-31', concerns: 'opcc-lead', remindDaysBefore: [56, 28, 7] });
      const varied = onCase(MENTORING, {
        type: 'ContractVaried',
        data: { previousValuePence: 14_755_600, valuePence: 7_377_800, endDate: '2016-09-30', reason: 'Halved', on: '2016-06-01' },
      }, '2016-06-01');
      const events = [imported(MENTORING), varied];
      expect(deadline(events, MENTORING, end)).toMatchObject({ dueOn: '2016-09-30', moves: [{ from: '2017-03-31', to: '2016-09-30', on: '2016-06-01', reason: 'Halved' }] });
    });

    it('closing the contract meets it and cancels the open report deadlines', () => {
      const closed = onCase(MENTORING, { type: 'ContractClosed', data: { on: '2016-08-31', notes: 'Ended early by agreement' } }, '2016-08-31');
      const events = [imported(MENTORING), reported(MENTORING, 'mentored', '2016-Q1', 64, 'green', '2016-07-08'), closed];
      const doc = given(deadlinesProjection, events).then(MENTORING) as CaseDeadlinesDoc;
      expect(deadlinesOf(doc).filter((d) => d.kind !== 'payment-instalment').map((d) => [d.key, d.status])).toEqual([
        [`${MENTORING}:performance-report:mentored:2016-Q1`, 'met'],
        [`${MENTORING}:performance-report:mentored:2016-Q2`, 'cancelled'],
        [end, 'met'],
      ]);
    });

    it('termination meets it too, and nothing more opens', () => {
      const terminated = onCase(MENTORING, { type: 'ContractTerminated', data: { reason: 'Provider ceased trading', on: '2016-06-01' } }, '2016-06-01');
      const events = [imported(MENTORING), terminated, reported(MENTORING, 'mentored', '2016-Q1', 30, 'red', '2016-06-02')];
      expect(deadline(events, MENTORING, end)).toMatchObject({ status: 'met', metOn: '2016-06-01' });
      expect(deadline(events, MENTORING, `${MENTORING}:performance-report:mentored:2016-Q1`)).toMatchObject({ status: 'cancelled' });
      expect(deadline(events, MENTORING, `${MENTORING}:performance-report:mentored:2016-Q2`)).toBeUndefined();
    });
  });
});
