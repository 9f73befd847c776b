import { Inject, Injectable } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { DomainError } from '@app/domain';
import { tableOf } from '@app/projections';
import { budgetProjection, type BudgetView, budgetView, readBudget } from '@app/projections/budget';

const TABLE = tableOf(budgetProjection.name);

/** Reads a year's budget from rm_budget and folds it into the view. */
@Injectable()
export class BudgetQuery {
  constructor(@Inject(SQL_DATABASE) private readonly db: SqlDatabase) {}

  /** The years with an imported framework, newest first. */
  async years(): Promise<string[]> {
    const { rows } = await this.db.query<{ key: string }>(`select key from ${TABLE} where strpos(key, '/') = 0 and (doc->>'imported')::boolean order by key desc`, [], 'budget-years');
    return rows.map((row) => row.key);
  }

  async view(financialYear: string): Promise<BudgetView> {
    const doc = await readBudget(this.db, financialYear);
    if (!doc?.imported) {
      throw new DomainError('NOT_FOUND', `No framework has been imported for ${financialYear} (or the budget read model has not caught up yet)`, {
        financialYear,
      });
    }
    return budgetView(doc);
  }
}
