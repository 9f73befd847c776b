import type { SqlQueryable } from '@app/database';
import { tableOf } from '../projection';
import { deadlinesProjection } from './deadlines.projection';
import type { Deadline, DeadlinesDoc, DeadlineStatus } from './deadlines.types';

export interface DeadlineFilter {
  readonly status?: readonly DeadlineStatus[];
  readonly kind?: string;
  readonly locality?: string;
  /** Due strictly before this date. */
  readonly dueBefore?: string;
  /** Due strictly after this date. */
  readonly dueAfter?: string;
  readonly caseId?: string;
  readonly financialYear?: string;
  readonly limit?: number;
  readonly offset?: number;
}

/** A case's deadlines one by one, in due order (a framework year's document has none). */
export const deadlinesOf = (doc: DeadlinesDoc): Deadline[] =>
  Object.values('deadlines' in doc ? doc.deadlines : {}).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key));

/**
 * Deadlines matching the filter, by due day then key, and how many match in all. Each
 * row of the table is a case; its deadlines are unnested in SQL so paging happens there.
 */
export async function findDeadlines(db: SqlQueryable, filter: DeadlineFilter): Promise<{ items: Deadline[]; total: number }> {
  const table = tableOf(deadlinesProjection.name);
  const where = `
    from ${table} t cross join lateral jsonb_each(t.doc->'deadlines') d(key, doc)
    where ($1::text is null or t.key = $1)
      and ($2::text[] is null or d.doc->>'status' = any($2::text[]))
      and ($3::text is null or d.doc->>'kind' = $3)
      and ($4::text is null or d.doc->>'locality' = $4)
      and ($5::text is null or d.doc->>'dueOn' < $5)
      and ($6::text is null or d.doc->>'dueOn' > $6)
      and ($7::text is null or d.doc->>'financialYear' = $7)`;
  const params = [
    filter.caseId ?? null,
    filter.status && filter.status.length > 0 ? [...filter.status] : null,
    filter.kind ?? null,
    filter.locality ?? null,
    filter.dueBefore ?? null,
    filter.dueAfter ?? null,
    filter.financialYear ?? null,
  ];
  const counted = await db.query<{ total: string | number }>(`select count(*) as total ${where}`, params);
  const { rows } = await db.query<{ doc: Deadline }>(
    `select d.doc ${where} order by d.doc->>'dueOn', d.key limit $8 offset $9`,
    [...params, filter.limit ?? null, filter.offset ?? 0],
  );
  return { items: rows.map((row) => row.doc), total: Number(counted.rows[0]?.total ?? 0) };
}
