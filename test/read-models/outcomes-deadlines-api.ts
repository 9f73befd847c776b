import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppConfig, loadConfig } from '@app/config';
import { Clock, ManualClock } from '@app/platform';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureHttpApp } from '../../apps/api/src/http-app';
import type { TestApi } from '@test/support/api-app';
import { TEST_JWT_SECRET } from '@test/support/tokens';

/** London time on a business date, in BST (the 2016/17 dates these specs use fall in summer or are given with their offset). */
export const at = (date: string, time = '10:00:00+01:00'): Date => new Date(`${date}T${time}`);

/**
 * The real API module as test/support/api-app.ts starts it, with a clock the spec moves:
 * overdue reports and days until due are worked out against the Clock's today.
 */
export async function startApiAt(clock: ManualClock, env: Record<string, string | undefined> = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-read-models-'));
  const config = loadConfig({ DATA_DIR: dataDir, REDIS_URL: process.env.REDIS_URL, JWT_SECRET: TEST_JWT_SECRET, RUN_REMINDERS: 'false', ...env });
  const module = await Test.createTestingModule({ imports: [ApiModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = configureHttpApp(module.createNestApplication<NestExpressApplication>({ logger: ['error'] }));
  await app.init();
  return {
    app,
    config,
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export { ManualClock };
