import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthModule } from '@app/auth';
import { CommissioningModule } from '@app/commissioning';
import { AppConfig } from '@app/config';
import { AccessGuard } from './access.guard';
import { AccessPolicy } from './access-policy';
import { AdminOnlyMiddleware } from './admin-only.middleware';

/**
 * Who may call what, and how often. The rate limit itself is Express middleware mounted
 * first of all (rate-limit.ts, from http-app.ts), over the throttler's storage configured here.
 */
@Module({
  imports: [
    AuthModule,
    CommissioningModule,
    ThrottlerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ throttlers: [{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }] }),
    }),
  ],
  providers: [AccessPolicy, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AccessPolicy],
})
export class AccessModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AdminOnlyMiddleware).forRoutes({ path: 'admin', method: RequestMethod.ALL }, { path: 'admin/{*rest}', method: RequestMethod.ALL });
  }
}
