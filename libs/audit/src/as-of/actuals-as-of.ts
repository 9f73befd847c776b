import { businessDateOf, DomainError } from '@app/domain';
import { actualsProjection, countsIn, yearActuals, type YearActuals } from '@app/projections/actuals';
import type { AuditLog } from '../log/audit-log.port';
import type { AsOf } from './as-of';
import { projectAsOf } from './projection-as-of';

export type ActualsAsOf = YearActuals & { readonly eventsFolded: number };

/**
 * A year's actual spend as it stood at the instant ("what had we paid by 31 December
 * 2016"), through the actuals read model's own fold and view; due and forecast are as of
 * that instant's business date.
 */
export async function actualsAsOf(log: AuditLog, financialYear: string, asOf: AsOf): Promise<ActualsAsOf> {
  const { docs, eventsFolded } = await projectAsOf(log, actualsProjection, asOf);
  const year = [...docs.values()].filter((doc) => doc.financialYear === financialYear || countsIn(doc, financialYear));
  if (year.length === 0) {
    throw new DomainError('NOT_FOUND', `No case of ${financialYear} had been opened as of ${asOf.at.toISOString()} (${asOf.basis})`, { financialYear });
  }
  return { ...yearActuals(financialYear, year, businessDateOf(asOf.at)), eventsFolded };
}
