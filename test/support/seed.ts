import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actingAs } from './tokens';

export const SEED_2016_17 = join(__dirname, '..', '..', 'infra', 'seed', 'framework-2016-17.json');
export const SCENARIO_2016_17 = join(__dirname, '..', '..', 'infra', 'scenarios', '2016-17.json');

/** A fresh copy of the 2016/17 framework document, safe to modify. */
export function seed201617(): Record<string, unknown> {
  return JSON.parse(readFileSync(SEED_2016_17, 'utf8'));
}

/** A commissioning officer: every command and query but the admin tasks and the /audit tools. */
export const OFFICER = actingAs('opcc-staff', undefined, { sub: 'officer.one' });
/** An administrator: framework import and reserve draws are theirs alone. */
export const ADMIN = actingAs('admin', undefined, { sub: 'admin.one' });
/** An auditor: reads everything, writes nothing. */
export const AUDITOR = actingAs('auditor', undefined, { sub: 'auditor.one' });

/** The 2016/17 document moved a year on, dates and all: a document a 2017/18 import accepts. */
export function seed201718(): Record<string, unknown> {
  const doc = seed201617() as Record<string, any>;
  const later = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`;
  doc.financialYear = '2017-18';
  doc.period = { ...doc.period, start: later(doc.period.start), end: later(doc.period.end) };
  doc.source = { ...doc.source, issued: later(doc.source.issued) };
  doc.plf = { ...doc.plf, meetingDeadline: '2017-02-28' };
  return doc;
}
