import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';

async function main(): Promise<void> {
  await CommandFactory.run(CliModule, { logger: ['warn', 'error'], errorHandler: fail, serviceErrorHandler: fail });
}

function fail(error: Error): void {
  // commander reports --help and --version as errors with exit code 0.
  const exitCode = (error as { exitCode?: number }).exitCode;
  if (exitCode === 0) process.exit(0);
  process.stderr.write(`${error.message}\n`);
  process.exit(exitCode ?? 1);
}

void main();
