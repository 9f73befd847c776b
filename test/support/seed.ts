import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SEED_2016_17 = join(__dirname, '..', '..', 'infra', 'seed', 'framework-2016-17.json');

/** A fresh copy of the 2016/17 framework document, safe to modify. */
export function seed201617(): Record<string, unknown> {
  return JSON.parse(readFileSync(SEED_2016_17, 'utf8'));
}

export const OFFICER = { 'X-Actor-Id': 'officer.one', 'X-Actor-Role': 'opcc-staff' } as const;
