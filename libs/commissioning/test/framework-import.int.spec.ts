import { randomUUID } from 'node:crypto';
import { CaseService, documentChecksum, FrameworkService } from '@app/commissioning';
import type { SqlDatabase } from '@app/database';
import { casesFromFramework, frameworkDecider, frameworkStreamId, readFrameworkDocument } from '@app/domain';
import { SqlEventStore } from '@app/event-store';
import { type CommandContext, executeCommand } from '@app/platform';
import { freshPglite, freshPostgres, testDatabaseUrl } from '@test/support/databases';
import { seed201617 } from '@test/support/seed';

const context = (): CommandContext => ({
  actor: { id: 'cli:test', role: 'admin' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2015-10-23T09:00:00+01:00',
});

class InjectedCrash extends Error {}

const drivers: [string, () => Promise<{ db: SqlDatabase; release: () => Promise<void> }>][] = [
  ['PGlite', async () => { const db = await freshPglite(); return { db, release: () => db.close() }; }],
];
if (testDatabaseUrl) drivers.push(['PostgreSQL', async () => { const pg = await freshPostgres(); return { db: pg.db, release: () => pg.drop() }; }]);
else console.log('PostgreSQL run of the all-or-nothing import skipped: TEST_DATABASE_URL is not set (PGlite still runs).');

describe.each(drivers)('framework import, all or nothing (%s)', (_name, open) => {
  let db: SqlDatabase;
  let release: () => Promise<void>;
  let store: SqlEventStore;
  let frameworks: FrameworkService;
  const count = async () => Number((await db.query<{ n: string }>('select count(*) as n from events')).rows[0].n);
  const seedDefinition = () => {
    const document = seed201617();
    return readFrameworkDocument(document, documentChecksum(document));
  };

  beforeEach(async () => {
    ({ db, release } = await open());
    store = new SqlEventStore(db);
    frameworks = new FrameworkService(store);
  });
  afterEach(() => release());

  it('reports progress line by line, ending at the number of lines', async () => {
    const seen: Array<[number, number]> = [];
    await frameworks.importDocument(seed201617(), context(), (done, total) => seen.push([done, total]));
    expect(seen[0]).toEqual([0, 57]);
    expect(seen[seen.length - 1]).toEqual([57, 57]);
    expect(seen.map(([done]) => done)).toEqual(Array.from({ length: 58 }, (_, i) => i));
    expect(await count()).toBe(58);
  });

  it('a crash injected half way through the import appends nothing; importing again records it all', async () => {
    let written = 0;
    frameworks.faults = {
      afterStream: (index) => {
        written += 1;
        if (index === 30) throw new InjectedCrash('crashed after 30 of the 58 streams were written');
      },
    };
    await expect(frameworks.importDocument(seed201617(), context())).rejects.toBeInstanceOf(InjectedCrash);
    frameworks.faults = undefined;
    expect(written).toBeGreaterThan(1);
    expect(await count()).toBe(0);
    expect(await store.streamRevision(frameworkStreamId('2016-17'))).toBe(-1);

    const report = await frameworks.importDocument(seed201617(), context());
    expect(report).toMatchObject({ frameworkImported: true, casesOpened: 57, casesAlreadyPresent: 0 });
    expect(await count()).toBe(58);
  });

  it('a line refused late (its case id already taken) refuses the whole import and appends nothing', async () => {
    const definition = seedDefinition();
    const last = casesFromFramework(definition).at(-1);
    if (!last) throw new Error('the seed has lines');
    await new CaseService(store).open(last.caseId, last.command, context());
    expect(await count()).toBe(1);
    await expect(frameworks.importDocument(seed201617(), context())).rejects.toMatchObject({ code: 'CASE_EXISTS' });
    expect(await count()).toBe(1);
    expect(await store.streamRevision(frameworkStreamId('2016-17'))).toBe(-1);
  });

  it('repairs a year half imported one stream at a time: only the missing cases are opened', async () => {
    const definition = seedDefinition();
    // What an import that appended stream by stream left when it died after 20 of its 57 cases.
    const earlier = { ...context(), idempotencyKey: `import-${definition.checksum}`, requestFingerprint: definition.checksum };
    const framework = await executeCommand(store, frameworkDecider, frameworkStreamId('2016-17'), { type: 'ImportFramework', definition }, earlier);
    const cases = new CaseService(store);
    for (const { caseId, command } of casesFromFramework(definition, framework.state).slice(0, 20)) await cases.open(caseId, command, earlier);
    expect(await count()).toBe(21);

    const report = await frameworks.importDocument(seed201617(), context());
    expect(report).toMatchObject({ frameworkImported: false, casesOpened: 37, casesAlreadyPresent: 20, lines: 57 });
    expect(await count()).toBe(58);
    const again = await frameworks.importDocument(seed201617(), context());
    expect(again).toMatchObject({ frameworkImported: false, casesOpened: 0, casesAlreadyPresent: 57 });
    expect(await count()).toBe(58);
  });

  it('refuses a second, different document for the same year', async () => {
    await frameworks.importDocument(seed201617(), context());
    const changed = seed201617();
    changed.title = 'Commissioning Framework 2016/17 (revised)';
    await expect(frameworks.importDocument(changed, context())).rejects.toMatchObject({ code: 'FRAMEWORK_ALREADY_IMPORTED' });
    expect(await count()).toBe(58);
  });
});
