import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { AUDIT_LOG, type AuditLog, csvHeader, csvRow, type ExportFormat, jsonLine, parseExportFilter, type RawExportFilter, selectEvents } from '@app/audit';
import { Clock } from '@app/platform';
import { progressBar } from './progress';

type Options = RawExportFilter & { format?: string; out?: string };
const FORMATS: Record<string, ExportFormat[]> = { jsonl: ['jsonl'], csv: ['csv'], both: ['jsonl', 'csv'] };
const FORMAT_LINE = { jsonl: jsonLine, csv: csvRow } as const;

/** Writes with back-pressure: a slow disk holds the walk, memory does not fill. */
async function write(file: WriteStream, text: string): Promise<void> {
  if (!file.write(text)) await once(file, 'drain');
}

@Command({
  name: 'export',
  description:
    'Export the log as JSONL (one stored event per line, hashes included) and/or CSV (RFC 4180): the whole log, a stream, ' +
    'a locality, a date range, or a mix. Progress on stderr; the files written on stdout.',
})
export class ExportCommand extends CommandRunner {
  constructor(
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run(_: string[], options: Options): Promise<void> {
    const formats = FORMATS[options.format ?? 'both'];
    if (!formats) throw new Error(`--format must be one of: ${Object.keys(FORMATS).join(', ')}`);
    const filter = parseExportFilter(options);
    const dir = resolve(options.out ?? join('exports', `ledger-${this.clock.now().toISOString().replace(/[:.]/g, '-')}`));
    mkdirSync(dir, { recursive: true });
    const files = formats.map((format) => ({ format, path: join(dir, `ledger-export.${format}`) }));
    const streams = files.map(({ format, path }) => ({ format, file: createWriteStream(path, 'utf8') }));
    const bar = progressBar('Exporting');
    let count = 0;
    try {
      for (const { format, file } of streams) if (format === 'csv') await write(file, csvHeader());
      for await (const event of selectEvents(this.log, filter, (done, total) => bar.update(done, total, ''))) {
        count += 1;
        for (const { format, file } of streams) await write(file, FORMAT_LINE[format](event));
      }
    } finally {
      bar.stop();
      await Promise.all(streams.map(({ file }) => new Promise((done) => file.end(done))));
    }
    process.stdout.write(`Exported ${count.toLocaleString('en-GB')} event(s):\n${files.map((f) => `  ${f.path}`).join('\n')}\n`);
  }

  @Option({ flags: '--stream <id>', description: 'only this stream (e.g. case-2016-17-B51), in revision order' })
  parseStream(value: string): string {
    return value;
  }

  @Option({ flags: '--locality <slug>', description: "events of the locality's cases and of its users (e.g. blaby)" })
  parseLocality(value: string): string {
    return value;
  }

  @Option({ flags: '--from <date>', description: 'from this date (start of day, Europe/London) or date-time, inclusive' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <date>', description: 'to this date (end of day, Europe/London) or date-time, inclusive' })
  parseTo(value: string): string {
    return value;
  }

  @Option({ flags: '--basis <basis>', description: 'the clock --from/--to read: occurred (business time) or recorded (default: recorded)' })
  parseBasis(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'jsonl, csv or both (default: both)' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({ flags: '--out <dir>', description: 'directory for the files (default: exports/ledger-<time>)' })
  parseOut(value: string): string {
    return value;
  }
}
