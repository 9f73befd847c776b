import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CaseService, FrameworkService } from '@app/commissioning';
import { type StoredEvent, SqlEventStore } from '@app/event-store';
import { budgetFromDocs, budgetView } from '@app/projections/budget';
import { applyEvents, DocumentTable, READ_MODELS, tableOf } from '@app/projections';
import { officer, runBlabyJourney } from '@test/support/blaby-journey';
import { seed201617 } from '@test/support/seed';
import { freshPostgres, testDatabaseUrl, type TemporaryPostgres } from '@test/support/databases';

const suite = testDatabaseUrl ? describe : describe.skip;

/** Resolves when the child has exited (at once if it already has), killing it if it outstays `ms`. */
function exited(child: ChildProcess, ms = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Every child started, so none outlives a failed test holding a transaction open. */
const children: ChildProcess[] = [];

function startProcess(url: string, env: Record<string, string>): { child: ChildProcess; saw: (text: string) => Promise<void> } {
  const child = spawn(process.execPath, ['-r', join(__dirname, '..', 'support', 'swc-register.js'), join(__dirname, 'projection-process.ts')], {
    env: { ...process.env, DATABASE_URL: url, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  let errors = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (errors += chunk));
  const saw = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if (output.includes(text)) return resolve();
        if (child.exitCode !== null && !output.includes(text)) return reject(new Error(`process exited: ${errors}`));
        if (Date.now() - started > 100_000) return reject(new Error(`timed out waiting for ${text}; output: ${output}; errors: ${errors}`));
        setTimeout(check, 20);
      };
      check();
    });
  return { child, saw };
}

suite('a projection process killed in the middle of a batch', () => {
  let pg: TemporaryPostgres;
  beforeAll(async () => {
    pg = await freshPostgres();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.kill('SIGKILL');
      await exited(child, 5_000);
    }
  });
  afterAll(() => pg.drop());

  // Two child processes transpile the sources as they start: generous on a loaded machine.
  jest.setTimeout(240_000);

  it('resumes after a restart with exact totals: nothing counted twice, nothing missed', async () => {
    const store = new SqlEventStore(pg.db);
    const expected = new Map<string, { pence: number; events: number }>();
    for (let i = 0; i < 400; i++) {
      const streamId = `account-${i % 7}`;
      const pence = 1000 + i;
      await store.appendToStream(streamId, [{ id: randomUUID(), type: 'Paid', data: { pence }, metadata: { actor: { id: 't', role: 'test' }, correlationId: 'c', causationId: 'c', occurredAt: '2016-04-01T00:00:00Z' } }], { expected: 'any' });
      const doc = expected.get(streamId) ?? { pence: 0, events: 0 };
      expected.set(streamId, { pence: doc.pence + pence, events: doc.events + 1 });
    }

    // First run: let one batch commit, then kill -9 while the second is written but not committed.
    const first = startProcess(pg.url, { PAUSE_AFTER_WRITE: '1', BATCH_SIZE: '60' });
    await first.saw('batch-written');
    const { rows: midway } = await pg.db.query<{ position: string }>(`select position from projection_checkpoints where projection = 'test_totals'`);
    expect(Number(midway[0].position)).toBe(0);
    first.child.kill('SIGKILL');
    await exited(first.child);

    const second = startProcess(pg.url, { BATCH_SIZE: '60' });
    await second.saw('caught-up');
    await exited(second.child);

    const rows = await new DocumentTable(tableOf('test_totals')).all(pg.db);
    expect(new Map(rows.map((r) => [r.key, r.doc]))).toEqual(expected);
  });

  it('the budget read model: totals after a kill and restart equal a clean fold of the log', async () => {
    const store = new SqlEventStore(pg.db);
    const cases = new CaseService(store);
    const frameworks = new FrameworkService(store);
    await frameworks.importDocument(seed201617(), officer('2015-10-23'));
    const blaby = (await frameworks.load('2016-17')).definition?.commitments.find((c) => c.locality === 'blaby')?.caseId as string;
    await runBlabyJourney(cases, blaby);

    const first = startProcess(pg.url, { PROJECTION: 'budget', PAUSE_AFTER_WRITE: '1', BATCH_SIZE: '20' });
    await first.saw('batch-written');
    first.child.kill('SIGKILL');
    await exited(first.child);
    const second = startProcess(pg.url, { PROJECTION: 'budget', BATCH_SIZE: '20' });
    await second.saw('caught-up');
    await exited(second.child);

    const all: StoredEvent[] = [];
    for (let after = 0; ; ) {
      const batch = await store.readAll({ after, limit: 1000 });
      if (batch.length === 0) break;
      all.push(...batch);
      after = batch[batch.length - 1].globalPosition;
    }
    const budget = READ_MODELS.find((p) => p.name === 'budget');
    const expected = applyEvents(budget as NonNullable<typeof budget>, all);
    const rows = await new DocumentTable(tableOf('budget')).all(pg.db);
    expect(new Map(rows.map((r) => [r.key, r.doc]))).toEqual(expected);
    const view = budgetView(budgetFromDocs('2016-17', rows.map((r) => [r.key, r.doc] as const)) as Parameters<typeof budgetView>[0]);
    expect(view).toMatchObject({ totalPence: 461_100_000, reservePence: 33_901_700 });
  });
});
