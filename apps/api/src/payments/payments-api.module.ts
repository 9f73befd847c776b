import { Module } from '@nestjs/common';
import { ActualsController } from './actuals.controller';

/** GET the actuals read model: a case's schedule, a year's spend, payments over £500. */
@Module({ controllers: [ActualsController] })
export class PaymentsApiModule {}
