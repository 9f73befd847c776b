/**
 * docker-compose.yml is checked three ways: against the vendored Compose Specification schema
 * (compose-spec/compose-spec, schema/compose-spec.json), against the things this stack relies on,
 * and, where a Compose CLI is installed, by `config --quiet`. No Docker engine is needed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { load } from 'js-yaml';
import { loadConfig } from '@app/config';

type Service = {
  command?: string | string[];
  depends_on?: string[] | Record<string, { condition: string }>;
  ports?: (string | number | { target: number | string })[];
  healthcheck?: { test?: string | string[] };
  environment?: Record<string, unknown> | string[];
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown>; version?: unknown };

const root = join(__dirname, '..', '..');
const file = join(root, 'docker-compose.yml');
const text = readFileSync(file, 'utf8');
const compose = load(text) as Compose;
const service = (name: string): Service => compose.services[name];
const words = (c: string | string[] | undefined) => (Array.isArray(c) ? c.join(' ') : (c ?? ''));

/** Container-side port numbers, from short ("8025:8025", "127.0.0.1:1025:1025/tcp") or long syntax. */
const containerPorts = (s: Service): number[] =>
  (s.ports ?? []).map((p) =>
    typeof p === 'object' ? Number(p.target) : Number(String(p).split('/')[0].split(':').pop()),
  );

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema', () => {
    const schema = JSON.parse(readFileSync(join(__dirname, 'compose-spec.schema.json'), 'utf8'));
    // The spec declares "https://json-schema.org/draft-07/schema"; Ajv's draft-07 meta-schema id is the http one.
    delete schema.$schema;
    const ajv = new Ajv({ strict: false, allowUnionTypes: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(compose);
    expect(ajv.errorsText(validate.errors, { separator: '\n' })).toBe('No errors');
    expect(valid).toBe(true);
    expect(compose.version).toBeUndefined(); // obsolete in the Compose Specification
  });

  it('defines the six services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'kurrentdb', 'mailpit', 'postgres', 'redis', 'worker']);
  });

  it('configures Redis as BullMQ requires in production', () => {
    const command = words(service('redis').command);
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(command).toContain('--appendonly yes');
  });

  it.each(['api', 'worker'])('starts %s only once PostgreSQL and Redis are healthy', (name) => {
    const dependsOn = service(name).depends_on;
    expect(dependsOn).not.toBeInstanceOf(Array);
    for (const dep of ['postgres', 'redis']) {
      expect((dependsOn as Record<string, { condition: string }>)[dep]?.condition).toBe('service_healthy');
      expect(service(dep).healthcheck?.test).toBeDefined();
    }
  });

  it('exposes the API on 3000 with a health check on /health, and the Mailpit web UI', () => {
    expect(containerPorts(service('api'))).toContain(3000);
    expect(words(service('api').healthcheck?.test)).toContain('/health');
    expect(containerPorts(service('mailpit'))).toContain(8025);
  });

  it.each(['api', 'worker'])("gives %s an environment the app's own configuration accepts, with its defaults", (name) => {
    const withDefaults = (value: unknown) => String(value).replace(/\$\{[A-Za-z_]\w*:-([^}]*)\}/g, '$1');
    const environment = service(name).environment as Record<string, unknown>;
    expect(() => loadConfig(Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, withDefaults(value)])))).not.toThrow();
  });

  it('gives every ${VAR} a default or documents it in a comment', () => {
    const comments = text.split('\n').filter((line) => line.trimStart().startsWith('#')).join('\n');
    const undocumented = [...text.matchAll(/(?<!\$)\$(?:\{([A-Za-z_]\w*)([^}]*)\}|([A-Za-z_]\w*))/g)]
      .filter((m) => !/^:?-/.test(m[2] ?? ''))
      .map((m) => m[1] ?? m[3])
      .filter((name) => !new RegExp(`\\b${name}\\b`).test(comments));
    expect(undocumented).toEqual([]);
  });

  it('passes `config --quiet` of the Compose CLI, when one is installed', () => {
    const ok = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;
    const cli: [string, string[]] | undefined = ok('docker', ['compose', 'version'])
      ? ['docker', ['compose']]
      : ok('docker-compose', ['version'])
        ? ['docker-compose', []]
        : undefined;
    if (!cli) {
      process.stdout.write(
        'docker compose config check skipped: neither the Docker Compose plugin nor docker-compose is installed (schema validation still ran).\n',
      );
      return;
    }
    const [cmd, prefix] = cli;
    const run = spawnSync(cmd, [...prefix, '-f', file, 'config', '--quiet'], { cwd: root, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
  });
});
