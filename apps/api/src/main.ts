import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig } from '@app/config';
import { stopOnSignals } from '@app/platform';
import { ApiModule } from './api.module';
import { configureHttpApp } from './http-app';

async function bootstrap(): Promise<void> {
  const app = configureHttpApp(await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: false }));
  const config = app.get(AppConfig);
  app.useLogger(levelsFrom(config.LOG_LEVEL));
  await app.listen(config.PORT);
  stopOnSignals(app, new Logger('Api'), app.getHttpServer());
  new Logger('Api').log(`Listening on http://localhost:${config.PORT} (OpenAPI at /docs, health at /health)`);
}

function levelsFrom(level: AppConfig['LOG_LEVEL']): Array<AppConfig['LOG_LEVEL']> {
  const order: Array<AppConfig['LOG_LEVEL']> = ['error', 'warn', 'log', 'debug', 'verbose'];
  return order.slice(0, order.indexOf(level) + 1);
}

bootstrap().catch((error: unknown) => {
  new Logger('Api').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
