import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CaseService, FrameworkService, raiseProposal, receiveGrantApplication } from '@app/commissioning';
import { defaultMigrationsDir, type SqlQueryable } from '@app/database';
import { addDays, addMonths, type CaseCommand, type ContractTerms, DomainError, type Measure } from '@app/domain';
import type { CommandContext } from '@app/platform';
import { type FreshEvent, MemoryEventStore } from './memory-event-store';

const SEED = join(dirname(defaultMigrationsDir(__dirname)), 'seed', 'framework-2016-17.json');
/** Each generated year's budget and reserve are the seed's plus this, drawn at once, so every generated award fits. */
export const EXTRA_BUDGET_PENCE = 50_000_000_000;
const ROWS_PER_INSERT = 2_000;
const MEASURES_PER_CONTRACT = 3;
const CONTRACT_YEARS = 5;

export interface GeneratedLog {
  readonly events: number;
  readonly years: number;
  readonly cases: number;
  /** Commands the domain refused (nothing appended), by error code. */
  readonly refused: Readonly<Record<string, number>>;
}

/** A deterministic sequence in [0, 1): the same log for the same N. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const shiftDate = (date: string, years: number) => addMonths(date, 12 * years);
const financialYear = (start: number) => `${start}-${String((start + 1) % 100).padStart(2, '0')}`;

/** The 2016/17 framework moved `years` on: every date, the year's label and case ids, a larger budget. */
export function frameworkFor(years: number): Record<string, unknown> {
  const text = readFileSync(SEED, 'utf8')
    .replace(/"(\d{4}-\d{2}-\d{2})"/g, (_m, date: string) => `"${shiftDate(date, years)}"`)
    .replace(/2016-17/g, financialYear(2016 + years));
  const doc = JSON.parse(text) as Record<string, unknown> & { totalBudgetPence: number; commissioningReservePence: number };
  doc.totalBudgetPence += EXTRA_BUDGET_PENCE;
  doc.commissioningReservePence += EXTRA_BUDGET_PENCE;
  return doc;
}

export const context = (on: string, role = 'opcc-staff', locality?: string): CommandContext => ({
  actor: { id: role === 'csp' ? `csp.${locality}` : 'bench.officer', role, ...(locality ? { locality } : {}) },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: `${on}T10:00:00+00:00`,
});

function measures(prefix: string): Measure[] {
  return Array.from({ length: MEASURES_PER_CONTRACT }, (_, i) => ({
    id: `${prefix}-${i + 1}`,
    name: `Outcome measure ${i + 1}`,
    unit: 'people',
    target: 40 + 10 * i,
    frequency: 'quarterly' as const,
    direction: 'higher-is-better' as const,
  }));
}

/**
 * Writes a log of about `target` domain-valid events into `events`, made by the product's
 * own services over an in-memory store and copied in bulk: for each generated year a
 * framework (the seed moved on), its imported cases, PLF plans through to agreements,
 * direct (tender and dispensation), co-commissioning and PCC-grant cases, some refused
 * or withdrawn, awards on the budget ledger, quarterly reports on every measure,
 * under-achievement and remedial action, variations and closures.
 */
export async function generateLog(db: SqlQueryable, target: number, onProgress: (done: number) => void, casesPerYear = 400): Promise<GeneratedLog> {
  const memory = new MemoryEventStore();
  const cases = new CaseService(memory);
  const frameworks = new FrameworkService(memory);
  const rand = random(target);
  let written = 0;
  let opened = 0;
  const refused: Record<string, number> = {};
  let years = 0;
  const flush = async () => {
    written += await copyInto(db, memory.take());
    onProgress(written);
  };
  /** The case's stage after the command (undefined: refused). */
  const run = async (caseId: string, command: CaseCommand, ctx = context(command.on)): Promise<string | undefined> => {
    try {
      const { state } = await cases.execute(caseId, command, ctx);
      return state.status === 'open' ? state.stage : undefined;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const code = `${command.type}:${error.code}`;
      refused[code] = (refused[code] ?? 0) + 1;
      return undefined;
    }
  };

  while (written < target) {
    const start = 2016 + years;
    const fy = financialYear(start);
    const on = (date: string) => shiftDate(date, years);
    await frameworks.importDocument(frameworkFor(years), context(on('2015-10-23'), 'admin'));
    await frameworks.execute(fy, { type: 'DrawOnReserve', pence: EXTRA_BUDGET_PENCE, reason: 'Generated services', decisionRef: `PCC-${fy}`, decidedOn: on('2015-10-30') }, context(on('2015-10-30'), 'admin'));
    await frameworks.execute(fy, { type: 'SwitchPccGrantRounds', open: true, reason: 'Grant round for the year' }, context(on('2015-11-01'), 'admin'));
    await frameworks.execute(fy, { type: 'OpenPccGrantRound', roundId: 'main', title: 'Main round', opensOn: on('2015-11-02'), closesOn: on('2016-09-30') }, context(on('2015-11-02'), 'admin'));
    const framework = await frameworks.load(fy);
    const definition = framework.definition as NonNullable<typeof framework.definition>;
    const boards = definition.boards.map((b) => b.code);

    // The year's PLF plans, from plan to agreement.
    for (const locality of definition.localities) {
      const plf = definition.commitments.find((c) => c.locality === locality.slug && c.mechanism === 'plf');
      if (!plf) continue;
      const ms = measures('asb');
      const ctx = (date: string) => context(date, 'csp', locality.slug);
      await run(plf.caseId, { type: 'SubmitCspPlan', on: on('2016-01-12'), budgetLines: [{ id: 'a', description: 'Partnership analyst', pence: Math.round(plf.valuePence / 2) }, { id: 'b', description: 'Diversion', pence: plf.valuePence - Math.round(plf.valuePence / 2) }], performanceFramework: ms }, ctx(on('2016-01-12')));
      await run(plf.caseId, { type: 'ScheduleCspMeeting', on: on('2016-01-20'), meetingOn: on('2016-02-10') });
      await run(plf.caseId, { type: 'HoldCspMeeting', on: on('2016-02-10'), notes: 'Plan agreed' });
      await run(plf.caseId, { type: 'AwardContract', on: on('2016-03-10'), contract: terms(locality.name, plf.valuePence, ms, start) });
      await monitor(run, plf.caseId, ms, start, rand);
    }

    for (let i = 0; i < casesPerYear && written + memory.pendingCount < target; i++) {
      const kind = i % 4;
      const mechanism = kind === 3 ? 'pcc-grant' : kind === 2 ? 'co-commissioning' : 'direct';
      const raisedOn = addDays(on('2016-04-01'), i % 150);
      const value = 100_000 + Math.floor(rand() * 5_000_000);
      const provider = `Provider ${(i * 7919) % 997}`;
      const input = { financialYear: fy, title: `Generated service ${i}`, theme: definition.themes[i % definition.themes.length].code, primaryPriorities: [definition.strategicPriorities[i % definition.strategicPriorities.length].code] };
      const opening =
        mechanism === 'pcc-grant'
          ? receiveGrantApplication(framework, { ...input, roundId: 'main', applicant: provider, requestedPence: value }, raisedOn)
          : raiseProposal(framework, { ...input, mechanism, estimatedValuePence: value }, raisedOn);
      const caseId = opening.profile.caseId;
      await cases.open(caseId, opening, context(raisedOn));
      opened += 1;
      const next = (days: number) => addDays(raisedOn, days);
      if (i % 10 === 9) {
        await run(caseId, mechanism === 'pcc-grant' ? { type: 'AssessGrantApplication', on: next(10), score: 30, recommendation: 'decline', notes: 'Weak outcomes' } : { type: 'WithdrawProposal', on: next(10), reason: 'Need met elsewhere' });
        if (mechanism === 'pcc-grant') await run(caseId, { type: 'DeclineGrant', on: next(20), reason: 'Below the threshold' });
        continue;
      }
      if (kind === 0) {
        await run(caseId, { type: 'IssueTender', on: next(5), reference: `T-${i}`, closesOn: next(35) });
        await run(caseId, { type: 'SelectProvider', on: next(40), provider, bidsReceived: 3 });
      } else if (kind === 1) {
        await run(caseId, { type: 'GrantSingleProviderDispensation', on: next(5), provider, reason: 'Sole specialist provider' });
      } else if (kind === 2) {
        await run(caseId, { type: 'AssignBoard', on: next(5), board: boards[i % boards.length], frameworkBoards: boards });
        await run(caseId, { type: 'RecordBoardDecision', on: next(30), decision: 'approved', notes: 'Approved' });
      } else {
        await run(caseId, { type: 'AssessGrantApplication', on: next(10), score: 80, recommendation: 'award', notes: 'Strong outcomes' });
      }
      const ms = measures('m');
      await run(caseId, { type: 'AwardContract', on: next(45), contract: terms(provider, value, ms, start) });
      await run(caseId, { type: 'VaryContract', on: next(400), valuePence: value + 10_000, reason: 'Extra sessions agreed' });
      await monitor(run, caseId, ms, start, rand);
      if (i % 5 === 0) await run(caseId, { type: 'CloseContract', on: `${start + CONTRACT_YEARS}-04-20`, notes: 'Completed' });
      if (memory.pendingCount >= 20_000) await flush();
    }
    await flush();
    memory.forget([`framework-${fy}`, `case-${fy}-`]);
    years += 1;
  }
  return { events: written, years, cases: opened, refused };
}

export function terms(provider: string, valuePence: number, ms: readonly Measure[], start: number): ContractTerms {
  return {
    kind: 'contract',
    provider,
    valuePence,
    outcomes: ['Fewer victims of crime'],
    qualityStandards: ['Quarterly returns'],
    measures: ms,
    underAchievementClause: 'Two red quarters lead to a remedial plan',
    startDate: `${start}-04-01`,
    endDate: `${start + CONTRACT_YEARS}-03-31`,
  };
}

/** Every quarter of the contract, a report on each measure; two reds in a row bring a remedial plan. */
async function monitor(
  run: (caseId: string, command: CaseCommand) => Promise<string | undefined>,
  caseId: string,
  ms: readonly Measure[],
  start: number,
  rand: () => number,
): Promise<void> {
  for (let q = 0; q < 4 * CONTRACT_YEARS; q++) {
    const year = start + Math.floor(q / 4);
    const on = addDays(addMonths(`${year}-04-01`, 3 * ((q % 4) + 1)), 9);
    let stage: string | undefined;
    for (const m of ms) {
      const actual = Math.round(m.target * (0.8 + rand() * 0.4));
      stage = await run(caseId, { type: 'ReportPerformance', on, measureId: m.id, period: `${year}-Q${(q % 4) + 1}`, actual, commentary: 'Quarterly return' });
    }
    if (stage === 'under-achievement') await run(caseId, { type: 'AgreeRemedialAction', on: addDays(on, 5), action: 'Weekly review of referrals', reviewBy: addDays(on, 60) });
  }
}

/** Copies the events into the log table in multi-row inserts, chains and hashes as the store made them. */
export async function copyInto(db: SqlQueryable, fresh: readonly FreshEvent[]): Promise<number> {
  for (let i = 0; i < fresh.length; i += ROWS_PER_INSERT) {
    const chunk = fresh.slice(i, i + ROWS_PER_INSERT);
    await db.query(
      `insert into events (event_id, stream_id, stream_revision, type, schema_version, data, metadata, recorded_at, content_hash, previous_hash, hash)
       select * from unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[], $8::timestamptz[], $9::text[], $10::text[], $11::text[])`,
      [
        chunk.map((f) => f.event.id),
        chunk.map((f) => f.event.streamId),
        chunk.map((f) => f.event.revision),
        chunk.map((f) => f.event.type),
        chunk.map((f) => f.event.schemaVersion),
        chunk.map((f) => f.dataJson),
        chunk.map((f) => f.metadataJson),
        chunk.map((f) => f.event.metadata.recordedAt),
        chunk.map((f) => f.contentHash),
        chunk.map((f) => f.event.previousHash),
        chunk.map((f) => f.event.hash),
      ],
    );
  }
  return fresh.length;
}
