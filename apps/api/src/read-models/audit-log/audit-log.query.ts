import { Inject, Injectable } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { tableOf } from '@app/projections';
import { type AuditEntry, auditLogProjection, entryKey, LAST_ENTRY_KEY } from '@app/projections/audit-log';

const TABLE = tableOf(auditLogProjection.name);

export interface AuditLogFilter {
  readonly stream?: string;
  readonly type?: string;
  readonly actor?: string;
  readonly locality?: string;
  readonly from?: string;
  readonly to?: string;
}

/**
 * Keyset pagination in log order: entry keys are zero-padded positions, so `key > after`
 * walks the primary key index; case documents ("case:…") sort after every entry.
 */
const PAGE = `select doc from ${TABLE}
  where key > $1 and key <= $2
    and ($3::text is null or doc->>'streamId' = $3)
    and ($4::text is null or doc->>'type' = $4)
    and ($5::text is null or doc->'actor'->>'id' = $5)
    and ($6::text is null or doc->>'locality' = $6)
    and ($7::text is null or doc->>'occurredOn' >= $7)
    and ($8::text is null or doc->>'occurredOn' <= $8)
  order by key
  limit $9`;

@Injectable()
export class AuditLogQuery {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async page(filter: AuditLogFilter, after: number, limit: number): Promise<{ items: AuditEntry[]; nextAfter: number | null }> {
    const { rows } = await this.db.query<{ doc: AuditEntry }>(PAGE, [
      entryKey(after),
      LAST_ENTRY_KEY,
      filter.stream ?? null,
      filter.type ?? null,
      filter.actor ?? null,
      filter.locality ?? null,
      filter.from ?? null,
      filter.to ?? null,
      limit + 1,
    ]);
    const items = rows.slice(0, limit).map((row) => row.doc);
    return { items, nextAfter: rows.length > limit ? items[items.length - 1].position : null };
  }
}
