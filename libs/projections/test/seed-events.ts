import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CaseEvent,
  caseDecider,
  casesFromFramework,
  caseStreamId,
  type FrameworkDefinition,
  frameworkStreamId,
  readFrameworkDocument,
} from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { stored } from './projection-spec';

const SEED = join(__dirname, '..', '..', '..', 'infra', 'seed', 'framework-2016-17.json');

/** The 2016/17 framework as the import reads it from infra/seed. */
export const seedDefinition = (): FrameworkDefinition => readFrameworkDocument(JSON.parse(readFileSync(SEED, 'utf8')), 'x');

/** When the import ran: the business date the framework was issued. */
export const IMPORTED_AT = '2015-10-23T10:00:00+01:00';

export const frameworkImported = (definition = seedDefinition()): StoredEvent =>
  stored(frameworkStreamId(definition.financialYear), { type: 'FrameworkImported', data: definition }, { occurredAt: IMPORTED_AT });

/** The opening event of every line's case, decided by the domain exactly as the import does. */
export function openingEvents(definition = seedDefinition()): StoredEvent[] {
  return casesFromFramework(definition).flatMap(({ caseId, command }) =>
    caseDecider.decide(command, caseDecider.initialState).map((event) => stored(caseStreamId(caseId), event, { occurredAt: IMPORTED_AT })),
  );
}

/** The whole import: the framework stream first, then a case per line. */
export const seedImport = (definition = seedDefinition()): StoredEvent[] => [frameworkImported(definition), ...openingEvents(definition)];

/** A later event of a case, at a revision and business time of the caller's choosing. */
export const caseEvent = (caseId: string, event: CaseEvent, occurredAt: string, revision = 1, actor?: { id: string; role: string; locality?: string }) =>
  stored(caseStreamId(caseId), event, { occurredAt, revision, actor });
