import {
  dueJobId,
  londonInstant,
  momentsOf,
  momentsWanted,
  policyOf,
  remindJobId,
  type ScheduledDeadline,
} from '@app/reminders';

const BLABY: ScheduledDeadline = {
  key: '2016-17-B49:plf-meeting',
  caseId: '2016-17-B49',
  financialYear: '2016-17',
  kind: 'plf-meeting',
  dueOn: '2016-02-29',
  remindDaysBefore: [28, 14, 7, 1, 0],
};

describe('reminder policy', () => {
  it("chases a deadline as its read-model row says: its offsets, and escalation unless the row says not", () => {
    expect(policyOf(BLABY)).toEqual({ remindDaysBefore: [28, 14, 7, 1, 0], escalate: true });
    expect(policyOf({ ...BLABY, remindDaysBefore: [10, 3], escalate: false })).toEqual({ remindDaysBefore: [10, 3], escalate: false });
  });

  it('reminds at 09:00 London on each day before, and checks the due day as the next day begins', () => {
    const moments = momentsOf(BLABY, policyOf(BLABY), 9);
    expect(moments.map((m) => [m.jobId, m.at.toISOString()])).toEqual([
      [remindJobId(BLABY.key, '2016-02-29', 28), '2016-02-01T09:00:00.000Z'],
      [remindJobId(BLABY.key, '2016-02-29', 14), '2016-02-15T09:00:00.000Z'],
      [remindJobId(BLABY.key, '2016-02-29', 7), '2016-02-22T09:00:00.000Z'],
      [remindJobId(BLABY.key, '2016-02-29', 1), '2016-02-28T09:00:00.000Z'],
      [remindJobId(BLABY.key, '2016-02-29', 0), '2016-02-29T09:00:00.000Z'],
      [dueJobId(BLABY.key, '2016-02-29'), '2016-03-01T00:00:00.000Z'],
    ]);
    expect(moments[0].job).toEqual({ name: 'remind', data: { deadlineKey: BLABY.key, dueOn: '2016-02-29', daysBefore: 28 } });
  });

  it('gives job ids without ":" (BullMQ refuses them), one per deadline, due day and offset', () => {
    const report = '2016-17-B05:performance-report:mentored:2016-Q1';
    expect(remindJobId(report, '2016-07-14', 7)).toBe('remind|2016-17-B05%3Aperformance-report%3Amentored%3A2016-Q1|2016-07-14|7');
    expect(dueJobId(report, '2016-07-14')).toBe('due|2016-17-B05%3Aperformance-report%3Amentored%3A2016-Q1|2016-07-14');
    expect(dueJobId('a:b|c', '2016-07-14')).not.toBe(dueJobId('a:b', 'c|2016-07-14'));
  });

  it('keeps to London time across the clock changes', () => {
    expect(londonInstant('2016-07-14', 9).toISOString()).toBe('2016-07-14T08:00:00.000Z');
    // 27 March 2016: clocks go forward at 01:00 GMT, so midnight is still GMT and 09:00 is BST.
    expect(londonInstant('2016-03-27', 0).toISOString()).toBe('2016-03-27T00:00:00.000Z');
    expect(londonInstant('2016-03-27', 9).toISOString()).toBe('2016-03-27T08:00:00.000Z');
    // 30 October 2016: back at 01:00 GMT, so midnight is still BST.
    expect(londonInstant('2016-10-30', 0).toISOString()).toBe('2016-10-29T23:00:00.000Z');
    expect(londonInstant('2016-10-30', 9).toISOString()).toBe('2016-10-30T09:00:00.000Z');
  });

  it('gives the same instant when asked again, each time a Date of its own', () => {
    const first = londonInstant('2016-03-27', 9);
    first.setTime(0);
    expect(londonInstant('2016-03-27', 9).toISOString()).toBe('2016-03-27T08:00:00.000Z');
    expect(londonInstant('2016-03-27', 10).toISOString()).toBe('2016-03-27T09:00:00.000Z');
  });

  it('does not schedule the due check when the policy does not escalate', () => {
    const moments = momentsOf(BLABY, { remindDaysBefore: [7, 7], escalate: false }, 9);
    expect(moments.map((m) => m.job.name)).toEqual(['remind']);
  });

  describe('what is wanted now', () => {
    const moments = momentsOf(BLABY, policyOf(BLABY), 9);
    const names = (ms: { jobId: string }[]) => ms.map((m) => m.jobId.replace(/%3A/g, ':'));

    it('before any reminder: everything, in the future', () => {
      const wanted = momentsWanted(moments, new Date('2016-01-12T10:00:00Z'));
      expect(wanted.future).toHaveLength(6);
      expect(wanted.fallenDue).toEqual([]);
    });

    it('after downtime over three reminders: only the latest passed one now, the rest later', () => {
      const wanted = momentsWanted(moments, new Date('2016-02-25T12:00:00Z'));
      expect(names(wanted.fallenDue)).toEqual(['remind|2016-17-B49:plf-meeting|2016-02-29|7']);
      expect(names(wanted.future)).toEqual([
        'remind|2016-17-B49:plf-meeting|2016-02-29|1',
        'remind|2016-17-B49:plf-meeting|2016-02-29|0',
        'due|2016-17-B49:plf-meeting|2016-02-29',
      ]);
    });

    it('after the due day: the due check, and no reminder for a day already gone', () => {
      const wanted = momentsWanted(moments, new Date('2016-03-02T12:00:00Z'));
      expect(names(wanted.fallenDue)).toEqual(['due|2016-17-B49:plf-meeting|2016-02-29']);
      expect(wanted.future).toEqual([]);
    });

    it('at the exact instant of a moment, it has fallen due', () => {
      const wanted = momentsWanted(moments, new Date('2016-02-22T09:00:00Z'));
      expect(names(wanted.fallenDue)).toEqual(['remind|2016-17-B49:plf-meeting|2016-02-29|7']);
    });
  });
});
