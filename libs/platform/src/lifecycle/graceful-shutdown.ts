import type { Server } from 'node:http';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';

export const SHUTDOWN_GRACE_MS = 10_000;

/**
 * SIGTERM or SIGINT stops the process in order, within SHUTDOWN_GRACE_MS: the HTTP server
 * stops taking connections and lets the requests in flight finish, then the application
 * closes (subscriptions and timers stop, queues and the database close) and the process
 * exits 0. Whatever still holds on past the grace period is abandoned: exit 1, logged.
 * A second signal exits at once.
 */
export function stopOnSignals(app: INestApplicationContext, logger: LoggerService, server?: Server, graceMs = SHUTDOWN_GRACE_MS): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn?.(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal}: finishing requests in flight, then stopping (at most ${graceMs / 1000} s)`);
    const deadline = setTimeout(() => {
      logger.error(`Still stopping after ${graceMs / 1000} s; exiting anyway`);
      process.exit(1);
    }, graceMs);
    deadline.unref();
    void (async () => {
      if (server?.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
      logger.log('Stopped');
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
