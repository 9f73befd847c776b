import { BUILT_IN_WORKFLOWS, DomainError, readWorkflowDocument, validateWorkflow, workflowFor } from '@app/domain';

/** A shipped version as a document, to be spoiled one field at a time. */
const grantDocument = (): Record<string, any> => JSON.parse(JSON.stringify({ schema: 'commissioning-workflow/v1', ...workflowFor('pcc-grant', 1) }));

/** Given a document, when it is validated, then exactly these paths are refused. */
function refusedAt(change: (doc: Record<string, any>) => void): string[] {
  const doc = grantDocument();
  change(doc);
  return validateWorkflow(doc).map((p) => p.field);
}

describe('validateWorkflow', () => {
  it('passes every shipped version', () => {
    for (const workflow of BUILT_IN_WORKFLOWS) expect(validateWorkflow(workflow)).toEqual([]);
  });

  describe('a rule that points nowhere', () => {
    it('an event rule moving to a stage that does not exist', () => {
      expect(refusedAt((d) => (d.events[2].to = 'assesed'))).toEqual(['events[2].to']);
    });
    it('an event rule from a stage that does not exist', () => {
      expect(refusedAt((d) => (d.events[2].from = ['nowhere']))).toContain('events[2].from[0]');
    });
    it('a byField value moving to a stage that does not exist', () => {
      expect(refusedAt((d) => (d.events[2].to = { byField: 'recommendation', values: { award: 'assessed', decline: 'gone' } }))).toEqual(['events[2].to.values.decline']);
    });
    it('a command allowed in a stage that does not exist', () => {
      expect(refusedAt((d) => (d.commands[0].from = ['assessed-twice']))).toContain('commands[0].from[0]');
    });
    it('a command whose event has no rule placing it from that stage', () => {
      expect(refusedAt((d) => (d.commands[2].from = ['application-received', 'assessed']))).toEqual(['commands[2].from[0]']);
    });
    it('an unknown command or event', () => {
      expect(refusedAt((d) => (d.commands[0].command = 'AssessGrant'))).toEqual(['commands[0].command']);
      expect(refusedAt((d) => (d.events[2].event = 'GrantAssessed'))).toEqual(['events[2].event', 'commands[0].from[0]']);
    });
    it('an opening command with no opening event rule', () => {
      expect(refusedAt((d) => (d.events = d.events.filter((e: { event: string }) => e.event !== 'ExistingCommitmentImported')))).toContain('opensWith[1]');
    });
  });

  it('a stage nothing reaches', () => {
    expect(refusedAt((d) => d.stages.push({ id: 'panel', label: 'Scoring panel', phase: 'pre-award' }))).toEqual(['stages[10]']);
  });

  describe('guards', () => {
    it('a guard attached to a command it does not apply to', () => {
      const problems = (() => {
        const doc = grantDocument();
        doc.commands[2].guards = ['reasonGiven', 'scoreInRange'];
        return validateWorkflow(doc);
      })();
      expect(problems).toEqual([{ field: 'commands[2].guards[1]', reason: 'scoreInRange does not apply to DeclineGrant; it applies to AssessGrantApplication' }]);
    });
    it('an unknown guard', () => {
      expect(refusedAt((d) => d.commands[0].guards.push('scoreAbove50'))).toEqual(['commands[0].guards[1]']);
    });
    it('a guard missing its parameters, with one it does not take, or of the wrong type', () => {
      expect(refusedAt((d) => d.commands[1].guards.push({ guard: 'awardAtMost' }))).toEqual(['commands[1].guards[3].params.pence']);
      expect(refusedAt((d) => d.commands[1].guards.push({ guard: 'awardAtMost', params: { pence: 100, currency: 'GBP' } }))).toEqual(['commands[1].guards[3].params.currency']);
      expect(refusedAt((d) => d.commands[1].guards.push({ guard: 'awardAtMost', params: { pence: 10.5 } }))).toEqual(['commands[1].guards[3].params.pence']);
    });
  });

  describe('deadlines', () => {
    it('opened by an event the workflow cannot produce', () => {
      expect(refusedAt((d) => d.deadlines[0].opensOn.push('CspPlanRequested'))).toEqual(['deadlines[0].opensOn[3]']);
    });
    it('met or cancelled by an event the workflow cannot produce', () => {
      expect(refusedAt((d) => (d.deadlines[0].metBy = ['CspMeetingHeld']))).toEqual(['deadlines[0].metBy[0]']);
      expect(refusedAt((d) => d.deadlines[1].cancelledBy.push('BoardDecisionRecorded'))).toEqual(['deadlines[1].cancelledBy[0]']);
    });
    it('reminder offsets that are not whole days from 0 to 366, or repeat', () => {
      expect(refusedAt((d) => (d.deadlines[0].remindDaysBefore = [14, -1]))).toEqual(['deadlines[0].remindDaysBefore']);
      expect(refusedAt((d) => (d.deadlines[0].remindDaysBefore = [7, 7]))).toEqual(['deadlines[0].remindDaysBefore']);
    });
  });

  describe('settings out of range', () => {
    it.each([
      ['underAchievementAfterConsecutiveReds', 0],
      ['underAchievementAfterConsecutiveReds', 2.5],
      ['amberTolerancePercent', -5],
      ['amberTolerancePercent', 80],
      ['reportDueDaysAfterPeriod', 365],
      ['defaultReportingFrequency', 'fortnightly'],
    ])('settings.%s = %p', (field, value) => {
      expect(refusedAt((d) => (d.settings[field] = value))).toEqual([`settings.${field}`]);
    });
    it('an unknown setting', () => {
      expect(refusedAt((d) => (d.settings.amberTolerance = 5))).toEqual(['settings.amberTolerance']);
    });
  });

  describe('steps', () => {
    it('a step command naming no step of the workflow, and an approval approving no checkpoint', () => {
      expect(
        refusedAt((d) => {
          d.steps = [{ id: 'sign-off', kind: 'approval', label: 'Director sign-off', approves: 'due-diligence', thresholdPence: 0 }];
          d.commands.push({ command: 'CompleteCheckpoint', step: 'due-diligence', from: ['assessed'] });
        }),
      ).toEqual(['steps[0].approves', 'commands[11].step', 'commands[11].from[0]']);
    });
  });

  it('unknown fields are refused rather than ignored', () => {
    expect(refusedAt((d) => (d.stagez = []))).toEqual(['stagez']);
  });

  it('readWorkflowDocument refuses with INVALID_WORKFLOW naming each path under its place in the document', () => {
    const doc = grantDocument();
    doc.events[2].to = 'assesed';
    let error: unknown;
    try {
      readWorkflowDocument(doc, 'workflowVersions[0]');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_WORKFLOW');
    expect((error as DomainError).details.errors).toEqual([
      { field: 'workflowVersions[0].events[2].to', reason: expect.stringContaining('"assesed" is not one of application-received, assessed') },
    ]);
  });
});
