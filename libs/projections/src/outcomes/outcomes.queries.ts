import type { SqlQueryable } from '@app/database';
import { tableOf } from '../projection';
import { outcomesProjection } from './outcomes.projection';
import type { OutcomeDoc } from './outcomes.types';

const table = () => tableOf(outcomesProjection.name);

/** Every contracted case, of one financial year or all (the pending cases are left out). */
export async function loadOutcomes(db: SqlQueryable, financialYear?: string): Promise<OutcomeDoc[]> {
  const { rows } = await db.query<{ doc: OutcomeDoc }>(
    `select doc from ${table()} where doc->>'kind' = 'outcome' and ($1::text is null or doc->>'financialYear' = $1) order by key`,
    [financialYear ?? null],
  );
  return rows.map((row) => row.doc);
}

export async function loadOutcome(db: SqlQueryable, caseId: string): Promise<OutcomeDoc | null> {
  const { rows } = await db.query<{ doc: OutcomeDoc }>(`select doc from ${table()} where key = $1 and doc->>'kind' = 'outcome'`, [caseId]);
  return rows[0]?.doc ?? null;
}
