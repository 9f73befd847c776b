import { Inject, Injectable } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { businessDateOf, DomainError } from '@app/domain';
import { Clock } from '@app/platform';
import { loadOutcome, loadOutcomes, type OutcomeQuery, outcomeRollups, outcomeView, queryOutcomes, ragOverTime } from '@app/projections/outcomes';
import type { OutcomesQueryDto } from './outcomes.dto';

const flag = (value: 'true' | 'false' | undefined): boolean | undefined => (value === undefined ? undefined : value === 'true');

const queryOf = (dto: OutcomesQueryDto): OutcomeQuery => ({
  financialYear: dto.financialYear,
  locality: dto.locality,
  theme: dto.theme,
  priority: dto.priority,
  rag: dto.rag,
  underAchieving: flag(dto.underAchieving),
  overdue: flag(dto.overdue),
});

/** Reads rm_outcomes; overdue reports are worked out against the Clock's business date. */
@Injectable()
export class OutcomesQuery {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return businessDateOf(this.clock.now());
  }

  async list(dto: OutcomesQueryDto, page: { limit?: number; offset?: number }) {
    const today = this.today();
    return { ...queryOutcomes(await loadOutcomes(this.db, dto.financialYear), queryOf(dto), today, page), today };
  }

  /** RAG over time of the contracts the filters select (all of them, not a page). */
  async ragOverTime(dto: OutcomesQueryDto) {
    const docs = await loadOutcomes(this.db, dto.financialYear);
    const selected = new Set(queryOutcomes(docs, queryOf(dto), this.today()).items.map((item) => item.caseId));
    return ragOverTime(docs.filter((doc) => selected.has(doc.caseId)));
  }

  async one(caseId: string) {
    const doc = await loadOutcome(this.db, caseId);
    if (!doc) throw new DomainError('NOT_FOUND', `No contract is monitored for case ${caseId} (or the outcomes read model has not caught up yet)`, { caseId });
    const today = this.today();
    return { ...outcomeView(doc, today), today };
  }

  async rollups(financialYear?: string) {
    return { financialYear: financialYear ?? null, ...outcomeRollups(await loadOutcomes(this.db, financialYear)) };
  }
}
