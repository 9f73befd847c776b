import { byPosition, type Finding, type VerifyReport, walkLog, type AuditLog } from '@app/audit';
import type { DocumentAttached } from '@app/domain';
import type { DocumentBlobs } from '../storage/document-blobs';

export interface DocumentCheckReport {
  readonly checked: number;
  readonly broken: number;
  readonly findings: readonly Finding[];
}

/**
 * Every document the log says was attached must be stored with bytes that still hash to
 * what the log recorded; a missing or altered one is named (document id, name, case) at the
 * position of its DocumentAttached event.
 */
export async function verifyDocuments(log: AuditLog, blobs: DocumentBlobs): Promise<DocumentCheckReport> {
  const attached: Array<{ event: { streamId: string; revision: number; globalPosition: number }; data: DocumentAttached['data'] }> = [];
  for await (const event of walkLog(log)) {
    if (event.type === 'DocumentAttached') attached.push({ event, data: event.data as DocumentAttached['data'] });
  }
  const checks = await blobs.check(attached.map((a) => a.data.sha256));
  const findings: Finding[] = [];
  for (const { event, data } of attached) {
    const check = checks.get(data.sha256);
    if (check?.present && check.actual === data.sha256) continue;
    const what = `document ${data.documentId} "${data.name}" (${data.kind}, sha256 ${data.sha256})`;
    findings.push({
      kind: 'document',
      globalPosition: event.globalPosition,
      streamId: event.streamId,
      revision: event.revision,
      sealNo: null,
      reason: check?.present
        ? `${what}: the stored file no longer matches its hash (now ${check.actual}): it was altered`
        : `${what}: the stored file is missing`,
    });
  }
  return { checked: attached.length, broken: findings.length, findings };
}

/** The log's report with the documents' check folded in: one verdict for the auditor. */
export function withDocuments(report: VerifyReport, documents: DocumentCheckReport): VerifyReport & { documents: { checked: number; broken: number } } {
  const findings = [...report.findings, ...documents.findings].sort(byPosition);
  return {
    ...report,
    ok: report.ok && documents.broken === 0,
    documents: { checked: documents.checked, broken: documents.broken },
    firstBroken: findings[0] ?? null,
    findings,
    findingsTotal: report.findingsTotal + documents.broken,
  };
}
