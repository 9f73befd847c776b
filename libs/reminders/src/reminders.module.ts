import {
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CaseService, CommissioningModule } from '@app/commissioning';
import { AppConfig } from '@app/config';
import { SQL_DATABASE, type SqlDatabase } from '@app/database';
import { EVENT_STORE, type EventStore } from '@app/event-store';
import { Clock, ReminderHealth } from '@app/platform';
import { BOARD_PATH, bullBoardRouter } from './admin/bull-board';
import { reminderSettingsFrom } from './reminder-settings';
import { Reminders } from './reminders';

const ALWAYS_RUN = Symbol('ALWAYS_RUN_REMINDERS');

/** Schedules, sends and escalates while the process runs: the worker always, the API unless RUN_REMINDERS=false. */
@Injectable()
export class RemindersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  readonly reminders: Reminders;
  private running = false;

  constructor(
    @Inject(SQL_DATABASE) db: SqlDatabase,
    @Inject(EVENT_STORE) store: EventStore,
    cases: CaseService,
    clock: Clock,
    private readonly config: AppConfig,
    @Optional() @Inject(ALWAYS_RUN) private readonly always = false,
    @Optional() health?: ReminderHealth,
  ) {
    this.reminders = new Reminders({ db, store, cases, clock }, reminderSettingsFrom(config));
    health?.watch(() => this.reminders.scheduler.unschedulable());
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.RUN_REMINDERS && !this.always) {
      this.logger.log('Reminders are run by the worker (RUN_REMINDERS=false)');
      return;
    }
    await this.reminders.start();
    this.running = true;
    const { prefix, reconcileIntervalMs } = this.reminders.settings;
    this.logger.log(
      `Scheduling reminders on BullMQ queues "${prefix}:reminders" and "${prefix}:notifications" ` +
        `(rebuilt from the deadlines table every ${reconcileIntervalMs / 1000} s); email via ${this.reminders.mailer.describe}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    // Queues are open (Bull Board reads them) even when this process runs no reminders.
    if (this.running) await this.reminders.stop();
    else await this.reminders.queues.close();
  }
}

/** Bull Board at /admin/queues, mounted on the HTTP server when there is one (the API; not the worker). */
@Injectable()
export class ReminderBoard implements OnModuleInit {
  constructor(
    private readonly host: HttpAdapterHost,
    private readonly service: RemindersService,
  ) {}

  onModuleInit(): void {
    const adapter = this.host.httpAdapter;
    if (!adapter || adapter.getType() !== 'express') return;
    const { reminders, notifications } = this.service.reminders.queues;
    adapter.getInstance().use(BOARD_PATH, bullBoardRouter([reminders, notifications]));
  }
}

@Module({
  imports: [CommissioningModule],
  providers: [RemindersService, ReminderBoard],
  exports: [RemindersService],
})
export class RemindersModule {
  /** The worker runs reminders whatever RUN_REMINDERS says. */
  static always(): DynamicModule {
    return {
      module: RemindersModule,
      imports: [CommissioningModule],
      providers: [{ provide: ALWAYS_RUN, useValue: true }, RemindersService, ReminderBoard],
      exports: [RemindersService],
    };
  }
}
