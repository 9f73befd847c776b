import { Presets, SingleBar } from 'cli-progress';

/** A progress bar on stderr (so stdout stays clean for results); plain lines when not a terminal. */
export function progressBar(label: string): { update(done: number, total: number, item: string): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let lastDecile = -1;
    return {
      update(done, total) {
        const decile = total === 0 ? 10 : Math.floor((done / total) * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          process.stderr.write(`${label}: ${done}/${total}\n`);
        }
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({ format: `${label} [{bar}] {value}/{total} {item}`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total, item) {
      if (!started) {
        bar.start(total, done, { item });
        started = true;
      }
      bar.update(done, { item });
    },
    stop: () => bar.stop(),
  };
}
