import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '@app/config';

export const START_REDIS_HINT =
  'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no';

/**
 * Watches Redis without ever failing the process: while it is down, reminders pause,
 * the API keeps serving, /health says so and the log says how to start it.
 */
@Injectable()
export class RedisStatus implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly client: Redis;
  private warned = false;

  constructor(config: AppConfig) {
    this.client = new Redis(config.REDIS_URL, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: (attempt) => Math.min(attempt * 500, 5000),
    });
    this.client.on('error', (error: Error) => {
      if (this.warned) return;
      this.warned = true;
      this.logger.warn(
        `Redis is not reachable at ${config.REDIS_URL} (${error.message}): deadline reminders are paused, ` +
          `the API keeps running. Start Redis with: ${START_REDIS_HINT}`,
      );
    });
    this.client.on('ready', () => {
      if (this.warned) this.logger.log(`Redis reachable again at ${config.REDIS_URL}`);
      this.warned = false;
    });
    this.client.connect().catch(() => undefined);
  }

  get up(): boolean {
    return this.client.status === 'ready';
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
