import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { type ProjectionStatus, ProjectionsService } from '@app/projections';
import { RedisStatus } from '../redis/redis-status';

export interface HealthReport {
  status: 'ok';
  store: EventStore['kind'];
  readModels: SqlDatabase['kind'];
  redis: 'up' | 'down';
  reminders: 'running' | 'paused: Redis is down';
  projections: ProjectionStatus[];
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly redis: RedisStatus,
    @Optional() private readonly projections?: ProjectionsService,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'The API is serving; names the event store and says whether Redis (reminders) is up.',
    schema: {
      example: {
        status: 'ok',
        store: 'pglite',
        readModels: 'pglite',
        redis: 'down',
        reminders: 'paused: Redis is down',
        projections: [{ projection: 'budget', version: 1, position: 58, lag: 0 }],
      },
    },
  })
  async check(): Promise<HealthReport> {
    const up = this.redis.up;
    return {
      status: 'ok',
      store: this.store.kind,
      readModels: this.db.kind,
      redis: up ? 'up' : 'down',
      reminders: up ? 'running' : 'paused: Redis is down',
      projections: (await this.projections?.runner.status()) ?? [],
    };
  }
}
