import { Module } from '@nestjs/common';
import { RedisStatus } from '../redis/redis-status';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';

@Module({ controllers: [HealthController, MetricsController], providers: [RedisStatus], exports: [RedisStatus] })
export class HealthModule {}
