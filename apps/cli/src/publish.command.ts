import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AUDIT_LOG, type AuditLog, parseAsOf } from '@app/audit';
import { manifestOf, publicationSet, PublishingService } from '@app/publishing';
import { progressBar } from './progress';

interface Options {
  year?: string;
  out?: string;
  asOf?: string;
  basis?: string;
}

@Command({
  name: 'publish',
  description:
    "Write a year's publications — 360Giving, OCDS releases and records, the contracts and grants lists (CSV and JSON) — " +
    'each validated against its standard, and manifest.json (file, records, bytes, SHA-256). Progress on stderr; the files on stdout.',
})
export class PublishCommand extends CommandRunner {
  constructor(
    private readonly publishing: PublishingService,
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
  ) {
    super();
  }

  async run(_: string[], options: Options): Promise<void> {
    const year = options.year;
    if (!year || !/^\d{4}-\d{2}$/.test(year)) throw new Error('--year must be a financial year written like 2016-17');
    if (options.basis && !options.asOf) throw new Error('--basis is only meaningful with --as-of');
    const asOf = options.asOf === undefined ? undefined : parseAsOf(options.asOf, options.basis);
    const dir = resolve(options.out ?? join('publications', year));
    const { events } = await this.log.size();
    const bar = progressBar('Publishing');
    let read = 0;
    let manifest;
    try {
      const history = await this.publishing.history({ financialYear: year, ...(asOf ? { asOf } : {}) }, () => bar.update(++read, events + 1, 'reading the log'));
      // Every document is made and validated before the first file is written.
      const files = publicationSet(this.publishing, history);
      bar.update(events + 1, events + 1, 'validated');
      manifest = manifestOf(history, files);
      await mkdir(dir, { recursive: true });
      for (const { file, content } of files) await writeFile(join(dir, file), content, 'utf8');
      await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
    } finally {
      bar.stop();
    }
    const lines = manifest.files.map((f) => `  ${f.file.padEnd(28)} ${String(f.records).padStart(4)} record(s)  sha256 ${f.sha256}`);
    process.stdout.write(`Published ${year} to ${dir}:\n${lines.join('\n')}\n  manifest.json\n`);
  }

  @Option({ flags: '--year <year>', description: 'the financial year, e.g. 2016-17', required: true })
  parseYear(value: string): string {
    return value;
  }

  @Option({ flags: '--out <dir>', description: 'directory for the files (default: publications/<year>)' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--as-of <date>', description: 'publish as the ledger stood then: a date (end of that day, Europe/London) or a date-time' })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({ flags: '--basis <basis>', description: 'with --as-of: recorded (default; what the ledger had recorded) or occurred (business time)' })
  parseBasis(value: string): string {
    return value;
  }
}
