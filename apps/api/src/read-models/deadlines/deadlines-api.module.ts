import { Module } from '@nestjs/common';
import { DeadlinesController } from './deadlines.controller';

/** GET /deadlines from the deadlines read model. */
@Module({ controllers: [DeadlinesController] })
export class DeadlinesApiModule {}
