import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '@app/config';
import { queuePrefix, reminderSettingsFrom } from '@app/reminders';

describe('reminder settings', () => {
  it('defaults: 09:00 reminders, a minute between reconciles, .eml files under DATA_DIR/outbox', () => {
    const settings = reminderSettingsFrom(loadConfig({ DATA_DIR: '/var/ledger' }));
    expect(settings).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      reminderHour: 9,
      reconcileIntervalMs: 60_000,
      retry: { attempts: 5, backoffMs: 1000 },
      mail: {
        smtpUrl: undefined,
        outboxDir: '/var/ledger/outbox',
        publicUrl: 'http://localhost:3000',
        cspTemplate: 'csp.{locality}@example.org',
      },
    });
  });

  it('reads every reminder setting from the environment', () => {
    const config = loadConfig({
      SMTP_URL: 'smtp://mail.internal:25',
      MAIL_FROM: 'OPCC <noreply@opcc.example>',
      OPCC_LEAD_EMAIL: 'lead@opcc.example',
      CSP_EMAIL_TEMPLATE: '{locality}.csp@opcc.example',
      CONTRACT_MANAGER_EMAIL: 'cm@opcc.example',
      PUBLIC_URL: 'https://ledger.opcc.example/',
      REMINDER_HOUR: '8',
      RECONCILE_INTERVAL_MS: '30000',
      RUN_REMINDERS: 'false',
      QUEUE_PREFIX: 'leics',
    });
    expect(config).toMatchObject({ REMINDER_HOUR: 8, RECONCILE_INTERVAL_MS: 30_000, RUN_REMINDERS: false, PUBLIC_URL: 'https://ledger.opcc.example' });
    expect(reminderSettingsFrom(config)).toMatchObject({
      prefix: 'leics',
      reminderHour: 8,
      mail: { smtpUrl: 'smtp://mail.internal:25', from: 'OPCC <noreply@opcc.example>', opccLead: 'lead@opcc.example', contractManager: 'cm@opcc.example' },
    });
  });

  it.each([
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ REMINDER_HOUR: '24' }, 'REMINDER_HOUR'],
    [{ RECONCILE_INTERVAL_MS: '10' }, 'RECONCILE_INTERVAL_MS'],
    [{ CSP_EMAIL_TEMPLATE: 'csp@example.org' }, 'CSP_EMAIL_TEMPLATE'],
    [{ OPCC_LEAD_EMAIL: 'lead' }, 'OPCC_LEAD_EMAIL'],
    [{ PUBLIC_URL: 'ledger.example.org' }, 'PUBLIC_URL'],
    [{ QUEUE_PREFIX: 'a:b' }, 'QUEUE_PREFIX'],
  ])('refuses %j, naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(name));
  });

  it('gives each ledger its own queue prefix, the same every start', () => {
    const local = queuePrefix({ DATA_DIR: './data' });
    expect(local).toMatch(/^ledger-[0-9a-f]{12}$/);
    expect(queuePrefix({ DATA_DIR: resolve('./data') })).toBe(local);
    expect(queuePrefix({ DATA_DIR: './other' })).not.toBe(local);
    expect(queuePrefix({ DATA_DIR: './data', DATABASE_URL: 'postgres://db/ledger' })).not.toBe(local);
    expect(queuePrefix({ DATA_DIR: './data', QUEUE_PREFIX: 'leics' })).toBe('leics');
  });
});
