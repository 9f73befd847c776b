import { Client } from 'pg';
import { DatabaseUnavailable, PgDatabase } from '@app/database';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';

const suite = testDatabaseUrl ? describe : describe.skip;

suite('PgDatabase on PostgreSQL: connections', () => {
  let server: TemporaryPostgres;
  let db: PgDatabase;
  const backend = async () => (await db.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;

  beforeAll(async () => {
    server = await freshPostgres({ migrate: false });
    await server.db.exec('create table once (id int primary key)');
  });
  afterAll(async () => {
    await db?.close();
    await server?.drop();
  });
  beforeEach(async () => {
    await db?.close();
    db = new PgDatabase(server.url, { max: 1 });
  });

  it('keeps its connection, and its prepared statements, when the server refuses a statement', async () => {
    const pid = await backend();
    await db.query('insert into once (id) values ($1) on conflict do nothing', [1], 'insert-once');
    const refused = await db.query('insert into once (id) values ($1)', [1], 'insert-strict').catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: '23505' });
    expect(refused).not.toBeInstanceOf(DatabaseUnavailable);
    await expect(db.query('select 1 / 0')).rejects.toMatchObject({ code: '22012' });
    expect(await backend()).toBe(pid);
    // The statement prepared before the refusals is still there on that connection.
    const prepared = await db.query<{ name: string }>('select name from pg_prepared_statements order by name');
    expect(prepared.rows.map((row) => row.name)).toEqual(expect.arrayContaining(['insert-once', 'insert-strict']));
  });

  it('keeps its connection when a transaction is rolled back by a refused statement', async () => {
    const pid = await backend();
    const refused = await db
      .transaction(async (tx) => {
        await tx.query('insert into once (id) values (2) on conflict do nothing');
        await tx.query('insert into once (id) values (2)');
      })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: '23505' });
    expect(await backend()).toBe(pid);
    expect((await db.query<{ n: string }>('select count(*) as n from once where id = 2')).rows[0].n).toBe('0');
  });

  it('drops a connection the server ended, and answers on a new one', async () => {
    const pid = await backend();
    const admin = new Client({ connectionString: server.url });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    // The ended connection may fail one statement as unavailable; the pool then connects afresh.
    const first = await db.query('select 1').catch((error: unknown) => error);
    if (first instanceof Error) expect(first).toBeInstanceOf(DatabaseUnavailable);
    const next = await backend();
    expect(next).not.toBe(pid);
  });
});
