import { type DynamicModule, Global, Inject, Injectable, Logger, Module, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { ProjectionRunner } from './projection-runner';
import { READ_MODELS } from './read-models';

const ALWAYS_RUN = Symbol('ALWAYS_RUN_PROJECTIONS');

/** Keeps every read model caught up with the log while the process runs (API by default, or the worker). */
@Injectable()
export class ProjectionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  readonly runner: ProjectionRunner;

  constructor(
    @Inject(SQL_DATABASE) db: SqlDatabase,
    @Inject(EVENT_STORE) store: EventStore,
    private readonly config: AppConfig,
    @Optional() @Inject(ALWAYS_RUN) private readonly always = false,
  ) {
    this.runner = new ProjectionRunner(db, store, READ_MODELS, { pollMs: config.POLL_INTERVAL_MS });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.prepare();
    if (!this.config.RUN_PROJECTIONS && !this.always) {
      this.logger.log('Read models are kept by the worker (RUN_PROJECTIONS=false)');
      return;
    }
    this.runner.start();
    this.logger.log(`Keeping ${READ_MODELS.length} read model(s) caught up with the log`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}

/** Global, so /health and /metrics can report on it wherever it runs. */
@Global()
@Module({ providers: [ProjectionsService], exports: [ProjectionsService] })
export class ProjectionsModule {
  /** The worker keeps the read models whatever RUN_PROJECTIONS says. */
  static always(): DynamicModule {
    return { module: ProjectionsModule, providers: [{ provide: ALWAYS_RUN, useValue: true }, ProjectionsService], exports: [ProjectionsService] };
  }
}
