/** Runs a bench's main: exits with its code, or with 1 and the stack of what it threw. */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}

/** A bench asked to run as it cannot: the reason (and the usage, when given) on stderr, and exit code 2. */
export function usageError(message: string, usage?: string): number {
  process.stderr.write(usage ? `${message}\n\n${usage}\n` : `${message}\n`);
  return 2;
}
