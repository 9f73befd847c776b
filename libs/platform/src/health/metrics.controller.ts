import { Controller, Get, Header, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { ProjectionsService } from '@app/projections';
import { RedisStatus } from '../redis/redis-status';
import { ReminderHealth } from './reminder-health';

/** Prometheus text exposition of what an operator watches: read-model lag, Redis and reminders that cannot be scheduled. */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly redis: RedisStatus,
    @Optional() private readonly projections?: ProjectionsService,
    @Optional() private readonly reminderHealth?: ReminderHealth,
  ) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus metrics', schema: { type: 'string', example: 'ledger_projection_lag_events{projection="budget"} 0' } })
  async metrics(): Promise<string> {
    const statuses = (await this.projections?.runner.status()) ?? [];
    const lines = [
      '# HELP ledger_projection_lag_events Events in the log not yet applied to the read model.',
      '# TYPE ledger_projection_lag_events gauge',
      ...statuses.map((s) => `ledger_projection_lag_events{projection="${s.projection}"} ${s.lag}`),
      '# HELP ledger_projection_lag_seconds How long the oldest event not yet applied to the read model has waited.',
      '# TYPE ledger_projection_lag_seconds gauge',
      ...statuses.map((s) => `ledger_projection_lag_seconds{projection="${s.projection}"} ${s.lagSeconds}`),
      '# HELP ledger_projection_position Global position of the last event applied to the read model.',
      '# TYPE ledger_projection_position gauge',
      ...statuses.map((s) => `ledger_projection_position{projection="${s.projection}"} ${s.position}`),
      '# HELP ledger_redis_up Whether Redis (reminder jobs) is reachable.',
      '# TYPE ledger_redis_up gauge',
      `ledger_redis_up ${this.redis.up ? 1 : 0}`,
      '# HELP ledger_reminder_unschedulable_deadlines Deadlines the reminder scheduler skips because they cannot be scheduled (see /health).',
      '# TYPE ledger_reminder_unschedulable_deadlines gauge',
      `ledger_reminder_unschedulable_deadlines ${this.reminderHealth?.unschedulable().length ?? 0}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
