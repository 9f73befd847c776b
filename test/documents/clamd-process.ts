import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClamdScanner } from '@app/documents';

const CANDIDATES = ['/usr/sbin/clamd', '/usr/bin/clamd', '/usr/local/sbin/clamd'];
const OFFICIAL_DB = '/var/lib/clamav';

export const clamdBinary = (): string | undefined => CANDIDATES.find((path) => existsSync(path));

/** Whether ClamAV's own signatures (main/daily, fetched by freshclam) are on this machine. */
export const officialDatabase = (): boolean =>
  existsSync(OFFICIAL_DB) && readdirSync(OFFICIAL_DB).some((file) => /^(main|daily)\.c[vl]d$/.test(file));

/** ClamAV's own signature for the EICAR test file (MD5, size, name), for when freshclam cannot reach its mirrors. */
const EICAR_SIGNATURE = '44d88612fea8a8f36de82e1278abb02f:68:Eicar-Test-Signature\n';

export interface RunningClamd {
  readonly url: string;
  readonly database: 'official' | 'eicar-only';
  stop(): Promise<void>;
}

/** A real clamd on a private socket, ready once it answers; the official database when present. */
export async function startClamd(binary: string): Promise<RunningClamd> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-clamd-'));
  const database = officialDatabase() ? 'official' : 'eicar-only';
  const dbDir = database === 'official' ? OFFICIAL_DB : join(dir, 'db');
  if (database === 'eicar-only') {
    require('node:fs').mkdirSync(dbDir);
    writeFileSync(join(dbDir, 'eicar.hdb'), EICAR_SIGNATURE);
  }
  const socket = join(dir, 'clamd.sock');
  writeFileSync(
    join(dir, 'clamd.conf'),
    [`LocalSocket ${socket}`, `DatabaseDirectory ${dbDir}`, 'Foreground yes', `LogFile ${join(dir, 'clamd.log')}`, `PidFile ${join(dir, 'clamd.pid')}`, 'StreamMaxLength 30M', ''].join('\n'),
  );
  const child: ChildProcess = spawn(binary, ['--config-file', join(dir, 'clamd.conf')], { stdio: 'ignore' });
  const url = `unix://${socket}`;
  const scanner = new ClamdScanner(url, 5_000);
  // The official database takes a while to load on a busy machine: wait for an answer, not a time.
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`clamd exited with ${child.exitCode}; see ${join(dir, 'clamd.log')}`);
    if (await scanner.version().then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error('clamd did not answer within 180 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    database,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
