import { CaseService, FrameworkService } from '@app/commissioning';
import type { CaseCommand } from '@app/domain';
import { SqlEventStore, WrongExpectedRevision } from '@app/event-store';
import { freshPglite } from '@test/support/databases';
import { officer, runBlabyJourney } from '@test/support/blaby-journey';
import { seed201617 } from '@test/support/seed';

const report = (period: string, actual: number): CaseCommand => ({ type: 'ReportPerformance', on: '2017-04-07', measureId: 'asb-incidents', period, actual });
const quarters = (from: number, count: number) => Array.from({ length: count }, (_, i) => `${from + Math.floor(i / 4)}-Q${(i % 4) + 1}`);

describe('commands on one case', () => {
  it('many at once in one process all land, one after another, none refused for losing a race', async () => {
    const db = await freshPglite();
    try {
      const store = new SqlEventStore(db);
      const cases = new CaseService(store);
      const frameworks = new FrameworkService(store);
      await frameworks.importDocument(seed201617(), officer('2015-10-23'));
      const blaby = (await frameworks.load('2016-17')).definition?.commitments.find((c) => c.locality === 'blaby')?.caseId as string;
      await runBlabyJourney(cases, blaby);
      const before = (await store.readStream(`case-${blaby}`)).length;
      const reportsBefore = (await cases.get(blaby)).reports.map((r) => r.period);
      // Twenty-four reports sent together: raced to the same revision, most would have run out of retries.
      const periods = quarters(2017, 24);
      const outcomes = await Promise.allSettled(periods.map((period, i) => cases.execute(blaby, report(period, 100 + i), officer('2017-04-07'))));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      const revisions = outcomes.map((outcome) => (outcome as PromiseFulfilledResult<{ revision: number }>).value.revision);
      expect(revisions).toEqual(periods.map((_, i) => before + i));
      const stream = await store.readStream(`case-${blaby}`);
      expect(stream.slice(before).map((event) => (event.data as { period: string }).period)).toEqual(periods);
      // The case as this process holds it is the case as the log folds it: each report once.
      expect((await cases.get(blaby)).reports.map((r) => r.period)).toEqual([...reportsBefore, ...periods]);
      expect((await new CaseService(store).get(blaby)).reports).toEqual((await cases.get(blaby)).reports);
    } finally {
      await db.close();
    }
  }, 180_000);

  it('a process holding a case folded decides on what another process recorded since, and If-Match is checked against the log', async () => {
    const db = await freshPglite();
    try {
      const store = new SqlEventStore(db);
      const first = new CaseService(store);
      const second = new CaseService(store);
      const frameworks = new FrameworkService(store);
      await frameworks.importDocument(seed201617(), officer('2015-10-23'));
      const blaby = (await frameworks.load('2016-17')).definition?.commitments.find((c) => c.locality === 'blaby')?.caseId as string;
      await runBlabyJourney(first, blaby);
      const held = await first.get(blaby);
      const moved = await second.execute(blaby, report('2016-Q3', 150), officer('2017-01-07'));
      // The first process has the case folded at an older revision: a command there sees the report the second recorded.
      const next = await first.execute(blaby, report('2016-Q4', 155), officer('2017-04-07'));
      expect(next.revision).toBe(moved.revision + 1);
      expect(next.state.status === 'open' && next.state.reports.map((r) => r.period)).toEqual([...held.reports.map((r) => r.period), '2016-Q3', '2016-Q4']);
      // A caller who saw the second's revision may act on it in the first process; a stale one is refused.
      await second.execute(blaby, report('2017-Q1', 90), { ...officer('2017-07-07'), expectedRevision: next.revision });
      const third = await second.get(blaby);
      await expect(first.execute(blaby, report('2017-Q2', 90), { ...officer('2017-10-07'), expectedRevision: next.revision })).rejects.toBeInstanceOf(WrongExpectedRevision);
      await expect(first.execute(blaby, report('2017-Q2', 90), { ...officer('2017-10-07'), expectedRevision: third.revision })).resolves.toMatchObject({ revision: third.revision + 1 });
    } finally {
      await db.close();
    }
  }, 180_000);
});
