import { DomainError, readFrameworkDocument } from '@app/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const seed = () => JSON.parse(readFileSync(join(__dirname, '../../../infra/seed/framework-2016-17.json'), 'utf8'));

describe("a framework's reminder policies", () => {
  it('are carried into the framework definition (and so into the log)', () => {
    const document = { ...seed(), reminderPolicies: { 'plf-meeting': { remindDaysBefore: [21, 7, 0], escalate: true } } };
    expect(readFrameworkDocument(document, 'x').reminderPolicies).toEqual({ 'plf-meeting': { remindDaysBefore: [21, 7, 0], escalate: true } });
    expect(readFrameworkDocument(seed(), 'x').reminderPolicies).toBeUndefined();
  });

  it.each([
    [{ 'plf-meeting': { remindDaysBefore: [7, -1] } }, 'reminderPolicies.plf-meeting.remindDaysBefore'],
    [{ 'plf-meeting': { remindDaysBefore: 'weekly' } }, 'reminderPolicies.plf-meeting.remindDaysBefore'],
    [{ 'tea-break': { remindDaysBefore: [1] } }, 'reminderPolicies.tea-break'],
  ])('refuses %j naming %s', (reminderPolicies, field) => {
    try {
      readFrameworkDocument({ ...seed(), reminderPolicies }, 'x');
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });
});
