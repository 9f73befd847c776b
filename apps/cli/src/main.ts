import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';
import { TokenCliModule } from './token-cli.module';

async function main(): Promise<void> {
  // `token` opens no database: it must run beside an API holding the embedded store.
  const root = process.argv[2] === 'token' ? TokenCliModule : CliModule;
  await CommandFactory.run(root, { logger: ['warn', 'error'], errorHandler: fail, serviceErrorHandler: fail });
}

function fail(error: Error): void {
  // commander reports --help and --version as errors with exit code 0.
  const exitCode = (error as { exitCode?: number }).exitCode;
  if (exitCode === 0) process.exit(0);
  process.stderr.write(`${error.message}\n`);
  process.exit(exitCode ?? 1);
}

void main();
