import { Inject, Injectable } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { tableOf } from '@app/projections';
import { countByMechanismAndStage, type PipelineDoc, pipelineProjection } from '@app/projections/pipeline';

const TABLE = tableOf(pipelineProjection.name);

export interface PipelineFilter {
  readonly financialYear?: string;
  readonly mechanism?: string;
  readonly stage?: string;
  readonly locality?: string;
  readonly theme?: string;
  readonly priority?: string;
}

/** One WHERE for the page and the counts; a filter left out (null) matches every case. */
const WHERE = `where ($1::text is null or doc->>'financialYear' = $1)
  and ($2::text is null or coalesce(doc->>'mechanism', 'unassigned') = $2)
  and ($3::text is null or doc->>'stage' = $3)
  and ($4::text is null or doc->>'locality' = $4)
  and ($5::text is null or doc->'profile'->>'theme' = $5)
  and ($6::text is null or coalesce(doc->'profile'->'primaryPriorities', '[]'::jsonb) @> jsonb_build_array($6::text))`;

/** Reads rm_pipeline: a page of cases in case id order, and the counts of the whole filtered set. */
@Injectable()
export class PipelineQuery {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  async find(filter: PipelineFilter, page: { limit: number; offset: number }) {
    const params = [filter.financialYear ?? null, filter.mechanism ?? null, filter.stage ?? null, filter.locality ?? null, filter.theme ?? null, filter.priority ?? null];
    const { rows } = await this.db.query<{ doc: PipelineDoc }>(`select doc from ${TABLE} ${WHERE} order by key limit $7 offset $8`, [
      ...params,
      page.limit,
      page.offset,
    ]);
    const counts = await this.db.query<{ mechanism: string | null; stage: string; count: number }>(
      `select doc->>'mechanism' as mechanism, doc->>'stage' as stage, count(*)::int as count from ${TABLE} ${WHERE} group by 1, 2 order by 1, 2`,
      params,
    );
    return {
      docs: rows.map((row) => row.doc),
      total: counts.rows.reduce((sum, row) => sum + Number(row.count), 0),
      byMechanismAndStage: countByMechanismAndStage(counts.rows.map((row) => ({ ...row, count: Number(row.count) }))),
    };
  }
}
