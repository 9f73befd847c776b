import { randomUUID } from 'node:crypto';
import { CaseService, documentChecksum, FrameworkService } from '@app/commissioning';
import type { SqlDatabase } from '@app/database';
import { frameworkDecider, frameworkStreamId, readFrameworkDocument } from '@app/domain';
import { SqlEventStore } from '@app/event-store';
import { type CommandContext, executeCommand } from '@app/platform';
import { freshPglite } from '@test/support/databases';
import { seed201617 } from '@test/support/seed';

const context = (): CommandContext => ({
  actor: { id: 'cli:test', role: 'admin' },
  correlationId: randomUUID(),
  causationId: randomUUID(),
  occurredAt: '2015-10-23T09:00:00+01:00',
});

describe('framework import', () => {
  let db: SqlDatabase;
  let frameworks: FrameworkService;
  const count = async () => Number((await db.query<{ n: string }>('select count(*) as n from events')).rows[0].n);

  beforeEach(async () => {
    db = await freshPglite();
    const store = new SqlEventStore(db);
    frameworks = new FrameworkService(store, new CaseService(store));
  });
  afterEach(() => db.close());

  it('reports progress line by line, ending at the number of lines', async () => {
    const seen: Array<[number, number]> = [];
    await frameworks.importDocument(seed201617(), context(), (done, total) => seen.push([done, total]));
    expect(seen[0]).toEqual([0, 57]);
    expect(seen[seen.length - 1]).toEqual([57, 57]);
    expect(seen.map(([done]) => done)).toEqual(Array.from({ length: 58 }, (_, i) => i));
    expect(await count()).toBe(58);
  });

  it('resumes an import cut short after the framework, opening only what is missing', async () => {
    const document = seed201617();
    const definition = readFrameworkDocument(document, documentChecksum(document));
    // What an import that died right after its first append leaves behind.
    const store = new SqlEventStore(db);
    await executeCommand(store, frameworkDecider, frameworkStreamId('2016-17'), { type: 'ImportFramework', definition }, {
      ...context(),
      idempotencyKey: `import-${definition.checksum}`,
    });
    expect(await count()).toBe(1);
    const report = await frameworks.importDocument(document, context());
    expect(report).toMatchObject({ frameworkImported: false, casesOpened: 57, casesAlreadyPresent: 0 });
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
