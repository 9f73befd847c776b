import { Module } from '@nestjs/common';
import { OutcomesController } from './outcomes.controller';
import { OutcomesQuery } from './outcomes.query';

/** GET /outcomes (JSON or CSV), /outcomes.csv, /outcomes/rollups and /outcomes/:caseId from the outcomes read model. */
@Module({ controllers: [OutcomesController], providers: [OutcomesQuery] })
export class OutcomesApiModule {}
