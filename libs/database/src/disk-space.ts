import { existsSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What a new embedded store takes on disk before its first event (measured: 39 MB), with room to spare. */
export const NEW_EMBEDDED_STORE_BYTES = 48 * 1024 * 1024;

/** Bytes an unprivileged process may still write on the file system holding `path` (or its nearest existing parent). */
export function freeBytes(path: string): number {
  let dir = resolve(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  const stats = statfsSync(dir);
  return Number(stats.bavail) * Number(stats.bsize);
}

export const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
