/** Latencies and what was achieved when requests were sent at a fixed rate. */
export interface RateResult {
  readonly target: number;
  readonly sent: number;
  readonly ok: number;
  readonly failed: number;
  readonly achieved: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/**
 * Sends `send(i)` at `rate` per second for `seconds`, open loop: a request leaves on its
 * schedule whether or not the earlier ones have answered, so a slow server shows as
 * latency and a lower achieved rate rather than as fewer requests. Latency is from the
 * scheduled send to the answer (a late send counts against the server, not hidden).
 * Achieved: answers that succeeded, per second of the whole phase until the last answer.
 */
export async function atFixedRate(rate: number, seconds: number, send: (i: number) => Promise<boolean>): Promise<RateResult> {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send(i).then(
        (success) => {
          latencies.push(performance.now() - due);
          if (success) ok += 1;
          else failed += 1;
        },
        () => {
          failed += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { target: rate, sent: total, ok, failed, achieved: ok / elapsed, p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99) };
}
