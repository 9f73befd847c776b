import { DomainError } from '@app/domain';
import { applyEvents, type Projection } from '@app/projections';
import { budgetFromDocs, budgetProjection, type BudgetView, budgetView } from '@app/projections/budget';
import type { StoredEvent } from '@app/event-store';
import { type AuditLog, walkLog } from '../log/audit-log.port';
import { type AsOf, asOfFilter } from './as-of';

export interface ProjectedAsOf<Doc> {
  readonly docs: Map<string, Doc>;
  readonly eventsFolded: number;
  /** Global position of the last event folded (0: none). */
  readonly lastPosition: number;
}

/**
 * Any read model as it stood at the instant: the projection's own pure fold over the
 * global log, taking each stream up to its first event after the instant.
 */
export async function projectAsOf<Doc>(log: AuditLog, projection: Projection<Doc>, asOf: AsOf, batchSize = 1000): Promise<ProjectedAsOf<Doc>> {
  const keep = asOfFilter(asOf);
  const docs = new Map<string, Doc>();
  let batch: StoredEvent[] = [];
  let eventsFolded = 0;
  let lastPosition = 0;
  const flush = () => {
    applyEvents(projection, batch, docs);
    eventsFolded += batch.length;
    lastPosition = batch.at(-1)?.globalPosition ?? lastPosition;
    batch = [];
  };
  for await (const event of walkLog(log, batchSize)) {
    if (!keep(event)) continue;
    batch.push(event);
    if (batch.length >= batchSize) flush();
  }
  flush();
  return { docs, eventsFolded, lastPosition };
}

export type BudgetAsOf = BudgetView & { readonly eventsFolded: number };

/** A year's budget as it stood at the instant, through the budget read model's own fold and view. */
export async function budgetAsOf(log: AuditLog, financialYear: string, asOf: AsOf): Promise<BudgetAsOf> {
  const { docs, eventsFolded } = await projectAsOf(log, budgetProjection, asOf);
  const doc = budgetFromDocs(financialYear, docs);
  if (!doc?.imported) {
    throw new DomainError('NOT_FOUND', `No framework had been imported for ${financialYear} as of ${asOf.at.toISOString()} (${asOf.basis})`, {
      financialYear,
    });
  }
  return { ...budgetView(doc), eventsFolded };
}
