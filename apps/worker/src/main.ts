import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { stopOnSignals } from '@app/platform';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule);
  stopOnSignals(app, new Logger('Worker'));
  const store = app.get<EventStore>(EVENT_STORE);
  new Logger('Worker').log(`Worker started on the ${store.kind} event store; stop with Ctrl+C`);
}

bootstrap().catch((error: unknown) => {
  new Logger('Worker').error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
