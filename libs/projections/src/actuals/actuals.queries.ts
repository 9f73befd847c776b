import type { SqlQueryable } from '@app/database';
import { tableOf } from '../projection';
import { type ActualsDoc, actualsProjection } from './actuals.projection';

const TABLE = tableOf(actualsProjection.name);

export async function actualsOfYear(db: SqlQueryable, financialYear: string): Promise<ActualsDoc[]> {
  const { rows } = await db.query<{ doc: ActualsDoc }>(`select doc from ${TABLE} where doc->>'financialYear' = $1 order by key`, [financialYear]);
  return rows.map((row) => row.doc);
}

export async function actualsOfCase(db: SqlQueryable, caseId: string): Promise<ActualsDoc | undefined> {
  const { rows } = await db.query<{ doc: ActualsDoc }>(`select doc from ${TABLE} where key = $1`, [caseId]);
  return rows[0]?.doc;
}
