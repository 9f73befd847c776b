import type { SqlQueryable } from '@app/database';
import { tableOf } from '../projection';
import { type ActualsDoc, actualsProjection } from './actuals.projection';

const TABLE = tableOf(actualsProjection.name);

/** The year's own cases and any with instalments carried into it. */
export async function actualsOfYear(db: SqlQueryable, financialYear: string): Promise<ActualsDoc[]> {
  const { rows } = await db.query<{ doc: ActualsDoc }>(
    `select doc from ${TABLE} where doc->>'financialYear' = $1 or doc->'payments'->'instalments' @> jsonb_build_array(jsonb_build_object('carriedTo', $1::text)) order by key`,
    [financialYear],
  );
  return rows.map((row) => row.doc);
}

export async function actualsOfCase(db: SqlQueryable, caseId: string): Promise<ActualsDoc | undefined> {
  const { rows } = await db.query<{ doc: ActualsDoc }>(`select doc from ${TABLE} where key = $1`, [caseId]);
  return rows[0]?.doc;
}
