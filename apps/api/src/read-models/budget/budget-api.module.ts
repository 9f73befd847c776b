import { Module } from '@nestjs/common';
import { BudgetController } from './budget.controller';
import { BudgetQuery } from './budget.query';

/** GET /frameworks/:year/budget (JSON or CSV) from the budget read model. */
@Module({ controllers: [BudgetController], providers: [BudgetQuery] })
export class BudgetApiModule {}
