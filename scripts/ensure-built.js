#!/usr/bin/env node
/*
 * Builds dist/ only when a source is newer than the last build: `npm start` and
 * `npm run cli` then start at once when nothing changed. `--stamp` records a build
 * that has just finished (the build script ends with it).
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync, writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const stamp = join(root, 'dist', '.built');
const SOURCES = ['apps', 'libs', 'bench'];
const CONFIG = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest modification time of the sources the build compiles (specs and test folders are not built). */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'test' && entry.name !== 'node_modules') walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  for (const dir of SOURCES) if (existsSync(join(root, dir))) walk(join(root, dir));
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
    const result = spawnSync(npm, ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
