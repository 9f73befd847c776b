import { Module } from '@nestjs/common';
import { ConfigModule } from '@app/config';
import { ClockModule } from '@app/platform/clock/clock.module';
import { TokenCommand } from './token.command';

/**
 * `token` alone: it needs the signing secret and the clock, no database, so it runs
 * beside a running API on the embedded store (the README's first session does).
 */
@Module({ imports: [ConfigModule.forRoot(), ClockModule], providers: [TokenCommand] })
export class TokenCliModule {}
