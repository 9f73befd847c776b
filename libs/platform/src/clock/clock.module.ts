import { Global, Injectable, Module } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { setBusinessYears } from '@app/domain';
import { Clock, SystemClock } from './clock';

/** Applies BUSINESS_YEARS to the domain's business dates as the process starts. */
@Injectable()
export class BusinessCalendar {
  constructor(config: AppConfig) {
    const [first, last] = config.BUSINESS_YEARS.split('-').map(Number);
    setBusinessYears(first, last);
  }
}

/** The wall clock by default; simulation and tests provide their own. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }, BusinessCalendar], exports: [Clock, BusinessCalendar] })
export class ClockModule {}
