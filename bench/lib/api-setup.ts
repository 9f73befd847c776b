import { CaseService, FrameworkService, raiseProposal } from '@app/commissioning';
import type { SqlQueryable } from '@app/database';
import { addDays, type CaseCommand, type FrameworkState, frameworkStreamId } from '@app/domain';
import type { EventStore } from '@app/event-store';
import { MemoryEventStore } from './memory-event-store';
import { context, copyInto, EXTRA_BUDGET_PENCE, frameworkFor, terms } from './replay-log';

export const REPORTED_MEASURE = { id: 'm1', name: 'People helped', unit: 'people', target: 40, frequency: 'monthly' as const, direction: 'higher-is-better' as const };

/** Imports 2016/17 on the real store and agrees one measure on each of its existing commitments: the cases the command phase reports on. */
export async function reportableCases(store: EventStore): Promise<string[]> {
  const cases = new CaseService(store);
  const frameworks = new FrameworkService(store);
  await frameworks.importDocument(frameworkFor(0), context('2015-10-23', 'admin'));
  const [imported] = await store.readStream(frameworkStreamId('2016-17'), { from: 0, to: 0 });
  const ids = (imported.data as { commitments: { caseId: string }[] }).commitments.map((c) => c.caseId);
  const agreed: string[] = [];
  for (const caseId of ids) {
    const command: CaseCommand = { type: 'AgreePerformanceMeasures', on: '2016-04-05', measures: [REPORTED_MEASURE] };
    await cases.execute(caseId, command, context('2016-04-05')).then(
      () => agreed.push(caseId),
      () => undefined, // a line whose workflow takes no measures here is simply not used
    );
  }
  return agreed;
}

export interface AwardYear {
  readonly financialYear: string;
  readonly awardedCases: number;
  /** Cases with a single-provider dispensation, waiting for their award. */
  readonly ready: readonly string[];
}

/**
 * A generated year (the 2016/17 framework moved on `years`) with `awarded` direct cases
 * awarded on its ledger and `ready` more at the award step, made by the product's own
 * services in memory and copied into the log as the store would have written them.
 */
export async function awardYear(db: SqlQueryable, years: number, awarded: number, ready: number): Promise<AwardYear> {
  const memory = new MemoryEventStore();
  const cases = new CaseService(memory);
  const frameworks = new FrameworkService(memory);
  const start = 2016 + years;
  const fy = `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
  const on = (date: string) => `${start - 2016 + Number(date.slice(0, 4))}${date.slice(4)}`;
  await frameworks.importDocument(frameworkFor(years), context(on('2015-10-23'), 'admin'));
  await frameworks.execute(fy, { type: 'DrawOnReserve', pence: EXTRA_BUDGET_PENCE, reason: 'Generated services', decisionRef: `PCC-${fy}`, decidedOn: on('2015-10-30') }, context(on('2015-10-30'), 'admin'));
  const framework: FrameworkState = await frameworks.load(fy);
  const definition = framework.definition as NonNullable<FrameworkState['definition']>;
  const waiting: string[] = [];
  for (let i = 0; i < awarded + ready; i++) {
    const raisedOn = addDays(on('2016-04-01'), i % 150);
    const input = { financialYear: fy, caseId: `${fy}-bench-${i}`, title: `Service ${i}`, theme: definition.themes[i % definition.themes.length].code, primaryPriorities: [definition.strategicPriorities[0].code] };
    const opening = raiseProposal(framework, { ...input, mechanism: 'direct', estimatedValuePence: 100_000 }, raisedOn);
    const caseId = opening.profile.caseId;
    await cases.open(caseId, opening, context(raisedOn));
    await cases.execute(caseId, { type: 'GrantSingleProviderDispensation', on: addDays(raisedOn, 5), provider: `Provider ${i}`, reason: 'Sole specialist provider' }, context(addDays(raisedOn, 5)));
    if (i < awarded) await cases.execute(caseId, { type: 'AwardContract', on: addDays(raisedOn, 10), contract: terms(`Provider ${i}`, 100_000, [REPORTED_MEASURE], start) }, context(addDays(raisedOn, 10)));
    else waiting.push(caseId);
    if (memory.pendingCount >= 20_000) await copyInto(db, memory.take());
  }
  await copyInto(db, memory.take());
  return { financialYear: fy, awardedCases: awarded, ready: waiting };
}

/** The award the HTTP phase sends for a case `awardYear` left ready. */
export const awardBody = (year: AwardYear, i: number) => {
  const start = Number(year.financialYear.slice(0, 4));
  return { on: `${start}-06-01`, contract: terms(`Provider ${year.awardedCases + i}`, 100_000, [REPORTED_MEASURE], start) };
};
