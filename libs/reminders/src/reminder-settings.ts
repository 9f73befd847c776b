import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { AppConfig } from '@app/config';

export interface MailSettings {
  /** SMTP server; unset: each message is written as DATA_DIR/outbox/<event id>.eml. */
  readonly smtpUrl?: string;
  readonly from: string;
  readonly outboxDir: string;
  readonly publicUrl: string;
  readonly opccLead: string;
  /** `{locality}` stands for the locality's slug. */
  readonly cspTemplate: string;
  readonly contractManager: string;
}

/** Everything the reminders need to know, so the plain classes run without Nest (tests, the simulator). */
export interface ReminderSettings {
  readonly redisUrl: string;
  /** BullMQ key prefix: one ledger, one set of queues. */
  readonly prefix: string;
  readonly reminderHour: number;
  readonly reconcileIntervalMs: number;
  /** How often the notification feed polls the log. */
  readonly pollMs: number;
  /** Per job: attempts in all, and the first exponential backoff delay. */
  readonly retry: { readonly attempts: number; readonly backoffMs: number };
  /** BullMQ worker options; tests shorten the lock so a killed worker's job is taken over quickly. */
  readonly worker: { readonly concurrency: number; readonly lockDuration?: number; readonly stalledInterval?: number };
  readonly mail: MailSettings;
}

/**
 * Two ledgers (say, two test runs, or a trial and a live database) may share one Redis;
 * deriving the prefix from the database they read keeps their schedules apart.
 */
export function queuePrefix(config: Pick<AppConfig, 'QUEUE_PREFIX' | 'DATABASE_URL' | 'DATA_DIR'>): string {
  if (config.QUEUE_PREFIX) return config.QUEUE_PREFIX;
  const identity = config.DATABASE_URL ?? resolve(config.DATA_DIR);
  return `ledger-${createHash('sha256').update(identity).digest('hex').slice(0, 12)}`;
}

export function reminderSettingsFrom(config: AppConfig, overrides: Partial<ReminderSettings> = {}): ReminderSettings {
  return {
    redisUrl: config.REDIS_URL,
    prefix: queuePrefix(config),
    reminderHour: config.REMINDER_HOUR,
    reconcileIntervalMs: config.RECONCILE_INTERVAL_MS,
    pollMs: Math.max(config.POLL_INTERVAL_MS, 50),
    retry: { attempts: 5, backoffMs: 1000 },
    worker: { concurrency: 2 },
    mail: {
      smtpUrl: config.SMTP_URL,
      from: config.MAIL_FROM,
      outboxDir: join(config.DATA_DIR, 'outbox'),
      publicUrl: config.PUBLIC_URL,
      opccLead: config.OPCC_LEAD_EMAIL,
      cspTemplate: config.CSP_EMAIL_TEMPLATE,
      contractManager: config.CONTRACT_MANAGER_EMAIL,
    },
    ...overrides,
  };
}
