import { randomUUID } from 'node:crypto';
import { CaseService, FrameworkService, raiseProposal } from '@app/commissioning';
import { type CaseCommand, DomainError } from '@app/domain';
import { SqlEventStore } from '@app/event-store';
import type { CommandContext } from '@app/platform';
import { freshPglite } from '@test/support/databases';
import { seed201617 } from '@test/support/seed';

const context = (): CommandContext => ({
  actor: { id: 'officer.one', role: 'opcc-staff' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2016-05-01T10:00:00+00:00',
});

const award = (provider: string, valuePence: number): CaseCommand => ({
  type: 'AwardContract',
  on: '2016-05-01',
  contract: { kind: 'contract', provider, valuePence, outcomes: [], qualityStandards: [], measures: [], underAchievementClause: 'Quarterly review', startDate: '2016-06-01', endDate: '2017-03-31' },
});

describe('an award decides on the year as the log has it, whoever moved it since this process last read it', () => {
  it('a second process commits most of what is left: the first, its ledger read before, is refused what no longer fits', async () => {
    const db = await freshPglite();
    try {
      const store = new SqlEventStore(db);
      const first = new CaseService(store);
      const second = new CaseService(store);
      const frameworks = new FrameworkService(store);
      await frameworks.importDocument(seed201617(), context());
      await frameworks.execute('2016-17', { type: 'DrawOnReserve', pence: 1_000_000, reason: 'New services', decisionRef: 'PCC-1', decidedOn: '2016-04-01' }, context());
      const framework = await frameworks.load('2016-17');
      const ready: string[] = [];
      for (const i of [1, 2, 3]) {
        const input = { financialYear: '2016-17', caseId: `2016-17-ledger-${i}`, title: `Service ${i}`, theme: framework.definition?.themes[0].code ?? '', primaryPriorities: [framework.definition?.strategicPriorities[0].code ?? ''] };
        await first.open(input.caseId, raiseProposal(framework, { ...input, mechanism: 'direct', estimatedValuePence: 100_000 }, '2016-04-01'), context());
        await first.execute(input.caseId, { type: 'GrantSingleProviderDispensation', on: '2016-04-10', provider: `Provider ${i}`, reason: 'Sole specialist provider' }, context());
        ready.push(input.caseId);
      }
      const room = await first.execute(ready[0], award('Provider 1', 1_000_000_000_00), context()).then(
        () => { throw new Error('an award past the budget was taken'); },
        (error: DomainError) => (error.details as { availablePence: number }).availablePence,
      );
      await first.execute(ready[0], award('Provider 1', 100), context());
      await second.execute(ready[1], award('Provider 2', room - 100 - 50), context());
      await expect(first.execute(ready[2], award('Provider 3', 100), context())).rejects.toMatchObject({ code: 'BUDGET_EXCEEDED', details: { availablePence: 50 } });
      await first.execute(ready[2], award('Provider 3', 50), context());
      expect((await frameworks.load('2016-17')).committedPence).toBe(framework.committedPence + room);
    } finally {
      await db.close();
    }
  }, 120_000);
});
