import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { anchorIfAny, AUDIT_LOG, type AuditLog, type Finding, readAnchor, sealAnchorFile, SealStore, sealLog, type VerifyReport, verifyLog, writeAnchor } from '@app/audit';
import { AppConfig } from '@app/config';
import { DocumentBlobs, verifyDocuments, withDocuments } from '@app/documents';
import { progressBar } from './progress';

const n = (value: number) => value.toLocaleString('en-GB');
const where = (f: Finding) =>
  f.kind === 'seal' ? `global position ${f.globalPosition}` : `global position ${f.globalPosition} (stream ${f.streamId}, revision ${f.revision})`;

export function formatVerifyReport(report: VerifyReport & { documents?: { checked: number; broken: number } }): string {
  const last = report.seals.last;
  const lines = [
    `Streams checked: ${n(report.streams.checked)} (${n(report.streams.broken)} broken)`,
    `Events checked:  ${n(report.events)}`,
    `Seals checked:   ${n(report.seals.checked)} (${n(report.seals.broken)} broken)` +
      (last ? `; last seal ${last.sealNo} ends at position ${last.toPosition}, hash ${last.sealHash}` : ''),
    `Unsealed tail:   ${n(report.unsealedTail)} event(s)`,
    ...(report.documents ? [`Documents:       ${n(report.documents.checked)} checked against their hashes (${n(report.documents.broken)} broken)`] : []),
  ];
  for (const warning of report.warnings) lines.push(`WARNING: ${warning}`);
  if (report.firstBroken) {
    lines.push(`BROKEN: first at ${where(report.firstBroken)}: ${report.firstBroken.reason}`);
    if (report.findingsTotal > 1) lines.push(`${n(report.findingsTotal)} problems in all:`, ...report.findings.map((f) => `  ${where(f)}: ${f.reason}`));
  } else {
    lines.push(`The log is intact: every stream chain and every seal matches${report.documents ? ', and every stored document its hash' : ''}.`);
  }
  return `${lines.join('\n')}\n`;
}

@Command({
  name: 'verify',
  description:
    "Tamper check: recompute every stream's hash chain and check every seal of the global order. Names the first " +
    'broken global position (exit status 1 when anything is broken); progress on stderr, the summary on stdout.',
})
export class VerifyCommand extends CommandRunner {
  constructor(
    @Inject(AUDIT_LOG) private readonly log: AuditLog,
    private readonly seals: SealStore,
    private readonly config: AppConfig,
    private readonly blobs: DocumentBlobs,
  ) {
    super();
  }

  async run(_: string[], options: { json?: boolean; seal?: boolean; anchor?: string; writeAnchor?: string }): Promise<void> {
    // The anchor given, else the one the sealing step keeps beside the store.
    const anchor = options.anchor ? readAnchor(options.anchor) : anchorIfAny(sealAnchorFile(this.config));
    const bars = { streams: progressBar('Stream chains'), seals: progressBar('Seals') };
    let report: VerifyReport;
    try {
      const logReport = await verifyLog(this.log, this.seals, { key: this.seals.key, anchor, onProgress: (phase, done, total) => bars[phase].update(done, total, '') });
      report = withDocuments(logReport, await verifyDocuments(this.log, this.blobs));
    } finally {
      bars.streams.stop();
      bars.seals.stop();
    }
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatVerifyReport(report));
    if (!report.ok) {
      process.exitCode = 1;
      return;
    }
    if (options.writeAnchor) {
      writeAnchor(options.writeAnchor, report.anchor);
      process.stdout.write(`Anchor written to ${options.writeAnchor}: keep it away from the database, and pass it to verify --anchor\n`);
    }
    if (options.seal) {
      // Only an intact log is sealed: a seal must never vouch for a break.
      const sealed = await sealLog(this.log, this.seals, { tail: 'always' });
      const last = sealed.lastSeal;
      process.stdout.write(`Sealed ${n(sealed.events)} event(s) in ${n(sealed.written.length)} seal(s)${last ? `; last seal ${last.sealNo}, hash ${last.sealHash}` : ''}\n`);
    }
  }

  @Option({ flags: '--json', description: 'print the report as JSON (as GET /audit/verify returns it)' })
  parseJson(): boolean {
    return true;
  }

  @Option({ flags: '--anchor <file>', description: 'check the log against an anchor kept elsewhere (default: the sealing step’s, DATA_DIR/seal-anchor.json)' })
  parseAnchor(value: string): string {
    return value;
  }

  @Option({ flags: '--write-anchor <file>', description: 'when the log is intact, write its anchor (last seal, seal count, events up to the head) to a file to keep elsewhere' })
  parseWriteAnchor(value: string): string {
    return value;
  }

  @Option({ flags: '--seal', description: 'when the log is intact, then seal everything not yet sealed (the unsealed tail included)' })
  parseSeal(): boolean {
    return true;
  }
}
