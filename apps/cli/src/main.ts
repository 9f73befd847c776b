import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';

async function main(): Promise<void> {
  // `token` opens no database (it must run beside an API holding the embedded store), and
  // loads none of the modules the other commands need: it answers in a fraction of the time.
  const root = process.argv[2] === 'token' ? (await import('./token-cli.module')).TokenCliModule : (await import('./cli.module')).CliModule;
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
