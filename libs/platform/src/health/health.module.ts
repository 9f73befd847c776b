import { Module } from '@nestjs/common';
import { RedisStatus } from '../redis/redis-status';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController], providers: [RedisStatus], exports: [RedisStatus] })
export class HealthModule {}
