import { eventually, httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, OFFICER, seed201617 } from '@test/support/seed';

export interface SeededApi {
  readonly api: TestApi;
  /** Requests as `caller` (default: an OPCC officer). */
  http(caller?: Record<string, string>): ReturnType<ReturnType<typeof httpAs>>;
  close(): Promise<void>;
}

/**
 * The real API (on PostgreSQL when TEST_DATABASE_URL is set, else embedded PGlite) with the
 * 2016/17 framework imported over HTTP and the audit log caught up with the import: the
 * projections run in-process, asynchronously, after the import's response.
 */
export async function seededApi(): Promise<SeededApi> {
  const pg: TemporaryPostgres | undefined = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
  const api = await startApi(pg ? { DATABASE_URL: pg.url } : {});
  const http = (caller: Record<string, string> = OFFICER) => httpAs(api, caller)();
  await http(ADMIN).post('/frameworks/import').send(seed201617()).expect(201);
  // 1 framework event and 57 case openings: every read model has the whole import.
  await eventually(async () => {
    expect((await http().get('/audit-log?limit=500').expect(200)).body.items).toHaveLength(58);
    expect((await http().get('/pipeline?limit=1').expect(200)).body.total).toBe(57);
    await http().get('/frameworks/2016-17/budget').expect(200);
  });
  return {
    api,
    http,
    close: async () => {
      await api.close();
      await pg?.drop();
    },
  };
}
