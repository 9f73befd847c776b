import { performance } from 'node:perf_hooks';
import { Presets, SingleBar } from 'cli-progress';

/** One measured run: how many operations (or rows) in how many seconds. */
export interface Sample {
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/**
 * Progress on stderr, redrawn on a timer so that the measured loops pay one increment per
 * step. Without a terminal: one line per finished phase.
 */
export class Progress {
  private bar: SingleBar | undefined;
  private timer: NodeJS.Timeout | undefined;
  private label = '';
  private started = 0;
  private done = 0;

  start(label: string, total: number): void {
    this.stop();
    this.label = label;
    this.done = 0;
    this.started = performance.now();
    if (!process.stderr.isTTY) return;
    this.bar = new SingleBar(
      {
        stream: process.stderr,
        format: `${label.padEnd(30)} [{bar}] {percentage}% | {value}/{total} | {duration}s`,
        hideCursor: true,
        barsize: 24,
      },
      Presets.shades_classic,
    );
    this.bar.start(total, 0);
    this.timer = setInterval(() => this.bar?.update(this.done), 100);
  }

  add(n: number): void {
    this.done += n;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.bar) {
      this.bar.update(this.done);
      this.bar.stop();
    } else if (this.label) {
      const seconds = (performance.now() - this.started) / 1000;
      process.stderr.write(`${this.label.padEnd(30)} ${this.done} in ${seconds.toFixed(2)}s\n`);
    }
    this.bar = undefined;
    this.label = '';
  }
}

/**
 * Runs `op(0..total-1)` on `concurrency` async workers that share one counter (and the
 * caller's pool): each worker starts its next operation as soon as its previous one ends.
 */
export async function runConcurrent(
  total: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
  options: { signal: AbortSignal; onDone?: () => void },
): Promise<Sample> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      options.signal.throwIfAborted();
      const i = next++;
      if (i >= total) return;
      await op(i);
      options.onDone?.();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return sample(total, performance.now() - started);
}

/** Times `work`, which returns how many rows (or operations) it handled. */
export async function timed(work: () => Promise<number>): Promise<Sample> {
  const started = performance.now();
  const count = await work();
  return sample(count, performance.now() - started);
}

function sample(count: number, ms: number): Sample {
  const seconds = ms / 1000;
  return { count, seconds, perSecond: seconds > 0 ? count / seconds : 0 };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
