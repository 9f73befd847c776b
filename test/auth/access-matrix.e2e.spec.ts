import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { httpAs, startApi, type TestApi } from '@test/support/api-app';
import { freshPostgres, type TemporaryPostgres, testDatabaseUrl } from '@test/support/databases';
import { ADMIN, seed201617 } from '@test/support/seed';
import { BESIDE_THE_API, bodyFor, type CallerName, CALLERS, expectedFor, RULES, urlFor } from './access-rules';

type Rule = (typeof RULES)[string];
interface Operation {
  readonly route: string;
  readonly access: unknown;
}
interface Cell {
  readonly route: string;
  readonly expected: 401 | 403 | 'admitted';
  readonly got: number;
  /** Set when a refusal is not problem+json with the code of its status. */
  readonly body?: unknown;
  /** Set when a refused write appended anything. */
  readonly appended?: number;
}

/**
 * Every route of the API × every kind of caller. The routes come from the OpenAPI document
 * the API serves, so a route added without a rule fails here; each must declare its rule
 * (x-access) and that rule must be the README's (./access-rules.ts). Each cell is refused
 * (401 without a token, 403 otherwise) or admitted (anything else) as the table says, and a
 * refused write leaves the log exactly as it was.
 */
describe('access control: every route × every caller', () => {
  let pg: TemporaryPostgres | undefined;
  let api: TestApi;
  let operations: Operation[];
  const countEvents = async () => {
    const { rows } = await api.app.get<symbol, SqlDatabase>(SQL_DATABASE).query<{ n: number }>('select count(*)::int as n from events');
    return rows[0].n;
  };

  beforeAll(async () => {
    pg = testDatabaseUrl ? await freshPostgres({ migrate: false }) : undefined;
    // No reminders: nothing may append in the background while refused writes are counted.
    api = await startApi({ RUN_REMINDERS: 'false', ...(pg ? { DATABASE_URL: pg.url } : {}) });
    await httpAs(api, ADMIN)().post('/frameworks/import').send(seed201617()).expect(201);
    const { body } = await httpAs(api, {})().get('/docs/openapi.json').expect(200);
    operations = Object.entries<Record<string, Record<string, unknown>>>(body.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, access: operation['x-access'] })),
    );
  });
  afterAll(async () => {
    await api?.close();
    await pg?.drop();
  });

  it('finds every route of the OpenAPI document declaring who may call it, as the access table says', () => {
    expect(operations.length).toBeGreaterThanOrEqual(48);
    const undeclared = operations.filter((op) => op.access === undefined).map((op) => op.route);
    expect({ undeclared }).toEqual({ undeclared: [] });
    const declared = Object.fromEntries(operations.map((op) => [op.route, op.access]));
    const tabled = Object.fromEntries(Object.entries(RULES).map(([route, rule]) => [route, rule === 'public' ? { public: true } : { roles: rule }]));
    expect(declared).toEqual(tabled);
  });

  const callers = ['none', 'csp other locality', 'auditor', 'csp own locality', 'opcc-staff', 'admin'] as const;
  it.each(callers)('as %s: each route admits or refuses as the table says; a refused write appends nothing', async (caller: CallerName) => {
    const cells: Cell[] = [];
    const routes = [...operations.map((op) => [op.route, RULES[op.route]] as const), ...Object.entries(BESIDE_THE_API)];
    for (const [route, rule] of routes as Array<readonly [string, Rule]>) {
      const expected = expectedFor(caller, rule);
      const method = route.split(' ')[0].toLowerCase() as 'get' | 'post';
      const before = await countEvents();
      const req = httpAs(api, CALLERS[caller])()[method](urlFor(route, rule));
      const res = method === 'post' ? await req.send(bodyFor(route)) : await req;
      const appended = (await countEvents()) - before;
      const problem = /^application\/problem\+json/.test(res.headers['content-type'] ?? '') && res.body.code === (expected === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN');
      cells.push({ route, expected: expected ?? 'admitted', got: res.status, ...(expected && !problem ? { body: res.body } : {}), ...(expected && appended ? { appended } : {}) });
    }
    const wrong = cells.filter((c) => c.appended || c.body || (c.expected === 'admitted' ? [401, 403].includes(c.got) : c.got !== c.expected));
    expect(wrong).toEqual([]);
    expect(cells.some((cell) => cell.expected === 'admitted')).toBe(true);
    expect(cells.some((cell) => cell.expected !== 'admitted')).toBe(caller !== 'admin');
  });
});
