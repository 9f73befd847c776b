#!/usr/bin/env node
/*
 * Builds dist/ only when a source is newer than the last build: `npm start` and
 * `npm run cli` then start at once when nothing changed. `--stamp` records a build
 * that has just finished (the build script ends with it).
 */
const { spawn } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.built');
const SOURCES = ['apps', 'libs', 'bench'];
/** JSON the sources import (workflow versions, schemas, scenarios) is compiled into dist/ too. */
const DATA = ['infra'];
const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };
const CONFIG = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest modification time of what the build compiles: TypeScript sources (not specs or test folders), the JSON they import, the configuration. */
function newestSource() {
  let newest = 0;
  const walk = (dir, compiled) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'test' && entry.name !== 'node_modules') walk(path, compiled);
      } else if (compiled(entry.name)) {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  const typescript = (name) => name.endsWith('.ts') && !name.endsWith('.spec.ts');
  for (const dir of SOURCES) if (existsSync(join(root, dir))) walk(join(root, dir), typescript);
  for (const dir of DATA) if (existsSync(join(root, dir))) walk(join(root, dir), (name) => name.endsWith('.json'));
  for (const file of CONFIG) if (existsSync(join(root, file))) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

function record() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

if (process.argv.includes('--stamp')) {
  record();
} else {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (newestSource() > built) {
    process.stderr.write(built ? 'Sources changed since the last build: building…\n' : 'Building (once; later starts skip it while nothing changes)…\n');
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    // In a process group of its own, so that a stop reaches npm, the shell and the compiler alike.
    const build = spawn(npm, ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'], detached: true });
    let stopping;
    // A stop asked for while building (SIGTERM from a supervisor, Ctrl-C) stops the build too, then this process by the same signal.
    const stop = (signal) => {
      stopping = signal;
      try {
        process.kill(-build.pid, 'SIGTERM');
      } catch {
        // The build has ended already.
      }
    };
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
    build.on('exit', (code, signal) => {
      if (stopping) {
        process.removeAllListeners(stopping);
        process.kill(process.pid, stopping);
        // A signal this process was started ignoring ends it here instead.
        setTimeout(() => process.exit(128 + (SIGNAL_NUMBERS[stopping] ?? 15)), 1000);
        return;
      }
      if (signal || code !== 0) process.exit(code ?? 1);
    });
  }
}
