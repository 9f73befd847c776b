import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/auth';
import { type EmbeddedStorage, PgliteDatabase, SQL_DATABASE, type SqlDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { type ProjectionStatus, ProjectionsService } from '@app/projections';
import { RedisStatus } from '../redis/redis-status';
import { ReminderHealth, type UnschedulableDeadlineReport } from './reminder-health';

export interface HealthReport {
  /** degraded (and HTTP 503): the database does not answer, or the embedded store's disk is too full to write; commands are refused with 503 until it is not. */
  status: 'ok' | 'degraded';
  store: EventStore['kind'];
  readModels: SqlDatabase['kind'];
  database: 'up' | 'down';
  /** The embedded store's disk (absent on a PostgreSQL server). */
  storage?: EmbeddedStorage;
  redis: 'up' | 'down';
  /** degraded: some deadlines cannot be scheduled (listed); the others are. */
  reminders: 'running' | 'paused: Redis is down' | 'degraded';
  unschedulableDeadlines: readonly UnschedulableDeadlineReport[];
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
    @Optional() private readonly reminderHealth?: ReminderHealth,
  ) {}

  @Get()
  @ApiOkResponse({
    description: 'The API is serving; names the event store and says whether the database and Redis (reminders) are up. 503 with status degraded while the database does not answer.',
    schema: {
      example: {
        status: 'ok',
        store: 'pglite',
        readModels: 'pglite',
        database: 'up',
        redis: 'down',
        reminders: 'paused: Redis is down',
        unschedulableDeadlines: [],
        projections: [{ projection: 'budget', version: 2, position: 58, lag: 0, lagSeconds: 0 }],
      },
    },
  })
  async check(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const up = this.redis.up;
    const unschedulable = this.reminderHealth?.unschedulable() ?? [];
    const database = await this.db.ping();
    const storage = this.db instanceof PgliteDatabase ? this.db.storage() : undefined;
    const ok = database && storage?.writable !== false;
    if (!ok) response.status(503);
    return {
      status: ok ? 'ok' : 'degraded',
      store: this.store.kind,
      readModels: this.db.kind,
      database: database ? 'up' : 'down',
      ...(storage ? { storage } : {}),
      redis: up ? 'up' : 'down',
      reminders: !up ? 'paused: Redis is down' : unschedulable.length > 0 ? 'degraded' : 'running',
      unschedulableDeadlines: unschedulable.slice(0, 50),
      projections: database ? ((await this.projections?.runner.status().catch(() => undefined)) ?? []) : [],
    };
  }
}
