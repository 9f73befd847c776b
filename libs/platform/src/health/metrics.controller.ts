import { Controller, Get, Header, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { ProjectionsService } from '@app/projections';
import { RedisStatus } from '../redis/redis-status';

/** Prometheus text exposition of what an operator watches: read-model lag and Redis. */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly redis: RedisStatus,
    @Optional() private readonly projections?: ProjectionsService,
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
      '# HELP ledger_projection_position Global position of the last event applied to the read model.',
      '# TYPE ledger_projection_position gauge',
      ...statuses.map((s) => `ledger_projection_position{projection="${s.projection}"} ${s.position}`),
      '# HELP ledger_redis_up Whether Redis (reminder jobs) is reachable.',
      '# TYPE ledger_redis_up gauge',
      `ledger_redis_up ${this.redis.up ? 1 : 0}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}
