import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock';

/** The wall clock by default; simulation and tests provide their own. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class ClockModule {}
