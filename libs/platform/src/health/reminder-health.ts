import { Injectable } from '@nestjs/common';

export interface UnschedulableDeadlineReport {
  readonly key: string;
  readonly reason: string;
}

/**
 * What the reminder scheduler could not schedule, for /health and /metrics. The reminders
 * lib, which depends on this one, says where to read it (`watch`); none watched: nothing.
 */
@Injectable()
export class ReminderHealth {
  private source: () => readonly UnschedulableDeadlineReport[] = () => [];

  watch(source: () => readonly UnschedulableDeadlineReport[]): void {
    this.source = source;
  }

  unschedulable(): readonly UnschedulableDeadlineReport[] {
    return this.source();
  }
}
