import type { SqlQueryable } from '@app/database';
import { tableOf } from '../projection';
import { deadlinesProjection } from './deadlines.projection';
import type { Deadline, DeadlinesDoc, DeadlineStatus, TrackedDeadline } from './deadlines.types';

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

/** The fields a listed deadline takes from its case's document. */
type CaseFields = Pick<Deadline, 'caseId' | 'financialYear' | 'caseTitle' | 'locality'>;

const listed = (deadline: TrackedDeadline, fields: CaseFields): Deadline => ({ ...deadline, ...fields });

/** A case's deadlines one by one, in due order, each with its case's fields (a framework year's document has none). */
export function deadlinesOf(doc: DeadlinesDoc): Deadline[] {
  if (!('deadlines' in doc)) return [];
  const fields: CaseFields = { caseId: doc.caseId, financialYear: doc.financialYear, caseTitle: doc.title, locality: doc.locality };
  return Object.values(doc.deadlines)
    .map((deadline) => listed(deadline, fields))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key));
}

/**
 * Deadlines matching the filter, by due day then key, and how many match in all. Each
 * row of the table is a case; its deadlines are unnested in SQL so paging happens there, and
 * each takes its case's fields from the row's document.
 */
export async function findDeadlines(db: SqlQueryable, filter: DeadlineFilter): Promise<{ items: Deadline[]; total: number }> {
  const table = tableOf(deadlinesProjection.name);
  const where = `
    from ${table} t cross join lateral jsonb_each(t.doc->'deadlines') d(key, doc)
    where ($1::text is null or t.key = $1)
      and ($2::text[] is null or d.doc->>'status' = any($2::text[]))
      and ($3::text is null or d.doc->>'kind' = $3)
      and ($4::text is null or t.doc->>'locality' = $4)
      and ($5::text is null or d.doc->>'dueOn' < $5)
      and ($6::text is null or d.doc->>'dueOn' > $6)
      and ($7::text is null or t.doc->>'financialYear' = $7)`;
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
  const { rows } = await db.query<{ deadline: TrackedDeadline } & CaseFields>(
    `select d.doc as deadline, t.doc->>'caseId' as "caseId", t.doc->>'financialYear' as "financialYear", t.doc->>'title' as "caseTitle", t.doc->>'locality' as locality
     ${where} order by d.doc->>'dueOn', d.key limit $8 offset $9`,
    [...params, filter.limit ?? null, filter.offset ?? 0],
  );
  return {
    items: rows.map(({ deadline, ...fields }) => listed(deadline, fields)),
    total: Number(counted.rows[0]?.total ?? 0),
  };
}
