import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppConfig, loadConfig } from '@app/config';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureHttpApp } from '../../apps/api/src/http-app';

export interface TestApi {
  readonly app: INestApplication;
  readonly config: AppConfig;
  close(): Promise<void>;
}

/** The real API module on the configuration given (PGlite in a temporary DATA_DIR unless told otherwise). */
export async function startApi(env: Record<string, string | undefined> = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-api-'));
  const config = loadConfig({ DATA_DIR: dataDir, REDIS_URL: process.env.REDIS_URL, ...env });
  const module = await Test.createTestingModule({ imports: [ApiModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
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

/** Polls until `check` passes or the time is up (for things that settle asynchronously). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
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
