import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppConfig, loadConfig } from '@app/config';
import { Clock } from '@app/platform';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureHttpApp } from '../../apps/api/src/http-app';
import { TEST_JWT_SECRET } from './tokens';

export interface TestApi {
  readonly app: INestApplication;
  readonly config: AppConfig;
  close(): Promise<void>;
}

/**
 * The real API module on the configuration given (PGlite in a temporary DATA_DIR unless told
 * otherwise), checking bearer tokens against TEST_JWT_SECRET (test/support/tokens.ts).
 */
export async function startApi(env: Record<string, string | undefined> = {}, options: { clock?: Clock } = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-api-'));
  // Reminders run only where a test asks for them: the 2016/17 deadlines are long past on the wall clock.
  const config = loadConfig({ DATA_DIR: dataDir, REDIS_URL: process.env.REDIS_URL, JWT_SECRET: TEST_JWT_SECRET, RUN_REMINDERS: 'false', ...env });
  let builder = Test.createTestingModule({ imports: [ApiModule] }).overrideProvider(AppConfig).useValue(config);
  if (options.clock) builder = builder.overrideProvider(Clock).useValue(options.clock);
  const module = await builder.compile();
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

/** Requests to the API made as `caller` (headers from tokens.ts), unless a request sets its own Authorization. */
export const httpAs = (api: Pick<TestApi, 'app'>, caller: Record<string, string>) => () => request.agent(api.app.getHttpServer()).set(caller);

/**
 * Polls until `check` passes or the time is up (for things that settle asynchronously).
 * The deadline is generous: on a busy machine settling is slow, and only a hang should fail.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
