import { Global, Module } from '@nestjs/common';
import { RedisStatus } from '../redis/redis-status';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { ReminderHealth } from './reminder-health';

/** Global, so the reminders module can report what it could not schedule wherever it runs. */
@Global()
@Module({ controllers: [HealthController, MetricsController], providers: [RedisStatus, ReminderHealth], exports: [RedisStatus, ReminderHealth] })
export class HealthModule {}
