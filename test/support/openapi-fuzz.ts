/**
 * Requests generated from the OpenAPI document, each a route's example request with one
 * thing made hostile, from a seeded PRNG so a run can be repeated exactly (FUZZ_SEED).
 * `mustRefuse` marks the inputs no route may accept: their answer must be a 4xx and
 * nothing may be appended.
 */
type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  maxLength?: number;
  allOf?: Schema[];
};
interface Operation {
  method: string;
  path: string;
  parameters?: Array<{ name: string; in: string; schema?: Schema; example?: unknown }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  'x-access'?: { roles?: string[]; public?: boolean };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface FuzzCase {
  readonly n: number;
  readonly method: string;
  readonly path: string;
  readonly role: string | undefined;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  readonly mutation: string;
  readonly mustRefuse: boolean;
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UNSAFE = '"\u0000unsafe\u0000"';
const HUGE = '"\u0000huge\u0000"';
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Body mutations: each changes one property (or the whole body) to what no field may hold. */
const BODY_MUTATIONS: Record<string, (value: Json, schema: Schema, pick: <T>(xs: T[]) => T) => Json | undefined> = {
  null: () => null,
  'lone-surrogate': (_v, _s, pick) => pick(['a\ud800b', '\udfff', 'x\udbff']),
  'control-character': (_v, _s, pick) => `text${pick(['\u0000', '\u0007', '\u001b[2J', '\u007f', '\u0085'])}`,
  'unsafe-integer': () => UNSAFE,
  'huge-number': () => HUGE,
  'wrong-type': (value) =>
    typeof value === 'string' ? 7 : typeof value === 'number' ? String(value) : typeof value === 'boolean' ? 'true' : Array.isArray(value) ? { item: value[0] ?? 1 } : typeof value === 'object' ? [value] : 'x',
  'date-out-of-range': (_v, schema, pick) => (schema.format === 'date' ? pick(['9999-12-31', '1900-01-01', '0001-01-01']) : undefined),
  'over-long': (_v, schema) => (schema.type === 'string' && schema.maxLength ? 'x'.repeat(schema.maxLength + 1) : undefined),
};

const WHOLE_BODY_MUTATIONS: Record<string, (body: string) => { body: string; headers: Record<string, string> }> = {
  'proto-key': (body) => ({ body: body.replace('{', `{"${['__proto__', 'constructor', 'prototype'][body.length % 3]}":{"admin":true},`), headers: {} }),
  'unknown-property': (body) => ({ body: body.replace('{', '{"fuzzUnknownProperty":1,'), headers: {} }),
  'deep-nesting': (body) => ({ body: body.replace('{', `{"deep":${nested(body.length % 2 ? 40 : 100_000)},`), headers: {} }),
  'malformed-json': (body) => ({ body: body.slice(0, Math.max(1, body.length - 2)), headers: {} }),
  'top-level-array': (body) => ({ body: `[${body}]`, headers: {} }),
  'form-body': () => ({ body: 'title=Form&reason=form', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
  'text-plain': (body) => ({ body, headers: { 'Content-Type': 'text/plain' } }),
  'latin1-charset': (body) => ({ body, headers: { 'Content-Type': 'application/json; charset=latin1' } }),
  'bad-correlation-id': (body) => ({ body, headers: { 'X-Correlation-Id': 'c'.repeat(8000) } }),
  'bad-idempotency-key': (body) => ({ body, headers: { 'Idempotency-Key': 'two words\u00e9' } }),
  'bad-if-match': (body) => ({ body, headers: { 'If-Match': 'yesterday' } }),
};

const HOSTILE_PATH = ['%00', 'x'.repeat(400), '..%2F..%2Fetc%2Fpasswd', '%F0%9F%92%A9', "B55';drop table events", '%ud800'];
const HOSTILE_QUERY = ['1e308', '-1', '%00', 'x'.repeat(1000), '[]', '9999-12-31', 'true', '0x10', 'NaN', '2016-02-30', '%E0%A4%A'];

const DATE_PARAMS = /^(asOf|from|to|on|since|until)$|On$|Date$/;
// Each out of range in Europe/London too: 2101-01-01 at noon (+01:00) is still 2101 there.
const OUT_OF_RANGE_DATES = ['9999-12-31', '1900-01-01', '2101-01-01', '1999-12-31', '9999-12-31T00:00:00Z', '1900-01-01T12:00:00Z', '2101-01-01T12:00:00+01:00'];

export function fuzzCases(doc: OpenApiDocument, options: { seed: number; count: number; caseIds: string[] }): FuzzCase[] {
  const random = prng(options.seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)];
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(doc.components?.schemas?.[schema.$ref.split('/').pop() as string] ?? {});
    if (schema.allOf?.length) return resolve(schema.allOf[0]);
    return schema;
  };
  const sample = (raw: Schema, depth = 0): Json => {
    const schema = resolve(raw);
    if (schema.example !== undefined && schema.type !== 'object') return schema.example as Json;
    if (schema.enum?.length) return schema.enum[0] as Json;
    if (schema.type === 'array') return schema.items && depth < 4 ? [sample(schema.items, depth + 1)] : [];
    if (schema.properties && depth < 4) {
      const out: Record<string, Json> = {};
      for (const [name, property] of Object.entries(schema.properties)) {
        if (schema.required?.includes(name) || random() < 0.5) out[name] = sample(property, depth + 1);
      }
      return out;
    }
    if (schema.example !== undefined) return schema.example as Json;
    return schema.type === 'integer' || schema.type === 'number' ? 1 : schema.type === 'boolean' ? true : 'x';
  };
  /** Every property path of a sampled body, with its schema, to choose one to spoil. */
  const paths = (value: Json, raw: Schema, at: Array<string | number> = []): Array<{ at: Array<string | number>; schema: Schema; value: Json }> => {
    const schema = resolve(raw);
    const here = at.length ? [{ at, schema, value }] : [];
    if (Array.isArray(value) && schema.items) return [...here, ...value.flatMap((v, i) => paths(v, schema.items as Schema, [...at, i]))];
    if (value && typeof value === 'object' && !Array.isArray(value) && schema.properties) {
      return [...here, ...Object.entries(value).flatMap(([k, v]) => paths(v, schema.properties?.[k] ?? {}, [...at, k]))];
    }
    return here;
  };
  const setAt = (root: Json, at: Array<string | number>, to: Json): Json => {
    if (at.length === 0) return to;
    const copy = JSON.parse(JSON.stringify(root)) as Record<string | number, Json>;
    let node = copy as Record<string | number, Json>;
    for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, Json>;
    node[at[at.length - 1]] = to;
    return copy as Json;
  };

  const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
  );
  const cases: FuzzCase[] = [];
  for (let n = 0; n < options.count; n += 1) {
    const op = operations[n % operations.length];
    const role = op['x-access']?.public ? undefined : (op['x-access']?.roles ?? []).find((r) => !r.includes(':')) ?? 'admin';
    const params = op.parameters ?? [];
    let mutation = 'example';
    let mustRefuse = false;
    const pathValue = (name: string) => (name === 'caseId' ? pick(options.caseIds) : name === 'year' ? '2016-17' : 'x');
    let path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => pathValue(name));
    const query = params.filter((p) => p.in === 'query').filter(() => random() < 0.5).map((p) => [p.name, String(p.example ?? p.schema?.example ?? 'x')]);
    const headers: Record<string, string> = {};
    const schema = op.requestBody?.content['application/json']?.schema;
    let body: string | undefined = schema ? JSON.stringify(sample(schema)) : undefined;
    const roll = random();
    if (roll < 0.1 && op.path.includes('{')) {
      mutation = 'hostile-path';
      const name = /\{(\w+)\}/.exec(op.path)?.[1] as string;
      path = op.path.replace(`{${name}}`, pick(HOSTILE_PATH)).replace(/\{(\w+)\}/g, (_m, other: string) => pathValue(other));
      mustRefuse = true;
    } else if (roll < 0.35 && params.some((p) => p.in === 'query')) {
      const param = pick(params.filter((p) => p.in === 'query'));
      // A date parameter (asOf, from, to, …) gets a date outside the business years half the time: always refused.
      const dated = param.schema?.format === 'date' || DATE_PARAMS.test(param.name);
      const value = dated && random() < 0.5 ? pick(OUT_OF_RANGE_DATES) : pick(HOSTILE_QUERY);
      query.push([param.name, value]);
      mutation = `hostile-query:${param.name}=${value.slice(0, 12)}`;
      mustRefuse = value === '%00' || value.length > 500 || (dated && OUT_OF_RANGE_DATES.includes(value));
    } else if (schema && body !== undefined) {
      const parsed = JSON.parse(body) as Json;
      if (roll < 0.55) {
        const name = pick(Object.keys(WHOLE_BODY_MUTATIONS));
        const changed = WHOLE_BODY_MUTATIONS[name](body);
        body = changed.body;
        Object.assign(headers, changed.headers);
        mutation = name;
        mustRefuse = true;
      } else if (roll < 0.95) {
        const name = pick(Object.keys(BODY_MUTATIONS));
        const target = pick(paths(parsed, schema).filter((p) => p.at.length > 0));
        const to = target ? BODY_MUTATIONS[name](target.value, target.schema, pick) : undefined;
        if (target && to !== undefined) {
          body = JSON.stringify(setAt(parsed, target.at, to))
            .replace(JSON.stringify(UNSAFE), '9007199254740993')
            .replace(JSON.stringify(HUGE), pick(['1e300', '-1e308', '123456789012345678901234567890']));
          mutation = `${name}:${target.at.join('.')}`;
          mustRefuse = true;
        }
      }
    }
    const search = query.length ? `?${query.map(([k, v]) => `${encodeURIComponent(k)}=${v.startsWith('%') ? v : encodeURIComponent(v)}`).join('&')}` : '';
    cases.push({ n, method: op.method, path: `${path}${search}`, role, headers, body, mutation, mustRefuse });
  }
  return cases;
}
