import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { AUDIT_LOG, readAnchor, SealKey, SealStore, sealLog, verifyLog, writeAnchor } from '@app/audit';
import { AppConfig, loadConfig } from '@app/config';
import { DocumentBlobs } from '@app/documents';
import { caseStreamId } from '@app/domain';
import { chainHash, contentHash } from '@app/event-store';
import { VerifyCommand } from '../../apps/cli/src/verify.command';
import { type AuditLedger, auditLedger, BLABY, positionOf } from './audit-ledger';

const BLABY_STREAM = caseStreamId(BLABY);

/** Runs the CLI's verify command class as Nest builds it; returns its stdout and exit status. */
async function runVerifyCommand(
  ledger: AuditLedger,
  options: { seal?: boolean; anchor?: string; writeAnchor?: string } = {},
  seals: SealStore = ledger.seals,
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
  const moduleRef = await Test.createTestingModule({
    providers: [
      VerifyCommand,
      { provide: AUDIT_LOG, useValue: ledger.log },
      { provide: SealStore, useValue: seals },
      { provide: DocumentBlobs, useValue: new DocumentBlobs(ledger.db) },
      { provide: AppConfig, useValue: loadConfig({ DATA_DIR: dataDir }) },
    ],
  }).compile();
  const chunks: string[] = [];
  const progress: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => chunks.push(String(chunk)) > 0);
  const writeErr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => progress.push(String(chunk)) > 0);
  const before = process.exitCode;
  try {
    await moduleRef.get(VerifyCommand).run([], options);
    return { stdout: chunks.join(''), stderr: progress.join(''), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    write.mockRestore();
    writeErr.mockRestore();
    process.exitCode = before;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('verify: every stream chain and every seal of the global order', () => {
  let ledger: AuditLedger;
  beforeEach(async () => {
    ledger = await auditLedger();
  });
  afterEach(() => ledger.close());

  it('finds an intact log intact, counts what it checked, and exits 0', async () => {
    await sealLog(ledger.log, ledger.seals, { size: 25, tail: 'never' });
    const report = await verifyLog(ledger.log, ledger.seals);
    // 1 framework event and 57 openings at import; Blaby's 4 steps; 1 FundsReleased at the award.
    expect(report).toMatchObject({ ok: true, streams: { checked: 58, broken: 0 }, events: 63, logEvents: 63, firstBroken: null });
    expect(report.seals).toMatchObject({ checked: 2, broken: 0, last: { sealNo: 2 } });
    expect(report.unsealedTail).toBe(13);

    const cli = await runVerifyCommand(ledger);
    expect(cli.exitCode).toBe(0);
    expect(cli.stdout).toMatch(/Streams checked: 58 \(0 broken\)/);
    expect(cli.stdout).toMatch(/Unsealed tail: +13 event\(s\)/);
    expect(cli.stdout).toMatch(/intact/);
    expect(cli.stderr).toMatch(/Stream chains: 63\/63\n[\s\S]*Seals: 63\/63/);
  });

  it(`names the position of a row edited in the database (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}), and the CLI exits 1`, async () => {
    await sealLog(ledger.log, ledger.seals, { tail: 'always' });
    const plan = await positionOf(ledger.db, BLABY_STREAM, 1);
    const later = await positionOf(ledger.db, BLABY_STREAM, 3);
    await ledger.db.query(`update events set data = jsonb_set(data, '{totalPence}', '2970000') where global_position = $1`, [plan]);
    await ledger.db.query(`update events set metadata = jsonb_set(metadata, '{actor,id}', '"someone.else"') where global_position = $1`, [later]);

    const report = await verifyLog(ledger.log, ledger.seals);
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toEqual({ kind: 'stream', globalPosition: plan, streamId: BLABY_STREAM, revision: 1, sealNo: null, reason: 'content does not match its hash' });
    // One stream, one break named: the chain stops at its first bad link; the seals still hold (the hashes are untouched).
    expect(report.streams.broken).toBe(1);
    expect(report.seals.broken).toBe(0);

    const cli = await runVerifyCommand(ledger);
    expect(cli.exitCode).toBe(1);
    expect(cli.stdout).toContain(`BROKEN: first at global position ${plan} (stream ${BLABY_STREAM}, revision 1): content does not match its hash`);
  });

  it("catches the deletion of a stream's last event, whose chain is still consistent, by its seal", async () => {
    await sealLog(ledger.log, ledger.seals, { size: 20, tail: 'always' });
    const last = await positionOf(ledger.db, BLABY_STREAM, 4);
    await ledger.db.query('delete from events where global_position = $1', [last]);

    const report = await verifyLog(ledger.log, ledger.seals);
    expect(report.streams.broken).toBe(0);
    expect(report.ok).toBe(false);
    expect(report.seals.broken).toBe(1);
    const broken = report.firstBroken;
    expect(broken).toMatchObject({ kind: 'seal', streamId: null, revision: null });
    const seal = (await ledger.seals.all()).find((s) => s.sealNo === broken?.sealNo);
    expect(seal && last >= seal.fromPosition && last <= seal.toPosition).toBe(true);
    // A seal cannot say which event went, but the gap in the numbering points to it.
    expect(broken?.reason).toMatch(new RegExp(`its last event \\(position ${last}\\) is missing|positions absent there: [^)]*\\b${last}\\b`));
    expect((await runVerifyCommand(ledger)).exitCode).toBe(1);
  });

  it('catches a deleted event inside a seal, and a stream tail rewritten with its hashes recomputed', async () => {
    await sealLog(ledger.log, ledger.seals, { size: 30, tail: 'always' });
    const [first] = await ledger.seals.all();
    const { rows } = await ledger.db.query<{ p: string }>(
      'select global_position as p from events where global_position > $1 and global_position < $2 order by 1 limit 1 offset 5',
      [first.fromPosition, first.toPosition],
    );
    await ledger.db.query('delete from events where global_position = $1', [rows[0].p]);
    // A careful forger rewrites the award (the stream's last event) and recomputes its hash: the chain holds, the seal does not.
    const award = (await ledger.log.readStream(BLABY_STREAM))[4];
    const forged = { ...award, data: { ...(award.data as object), note: 'forged' } };
    const hash = chainHash(award.previousHash, award.revision, contentHash(forged));
    await ledger.db.query('update events set data = $2::jsonb, hash = $3 where global_position = $1', [award.globalPosition, JSON.stringify(forged.data), hash]);

    const report = await verifyLog(ledger.log, ledger.seals);
    expect(report.streams.broken).toBe(0);
    expect(report.findings.map((f) => f.reason)).toEqual([
      `seal 1: it covers 30 event(s) at positions ${first.fromPosition}–${first.toPosition}; the log now holds 29 there: an event was deleted or inserted (positions absent there: ${rows[0].p})`,
      expect.stringMatching(/^seal 3: the events at positions .* no longer hash to the seal/),
    ]);
  });

  it('catches a seal removed from the middle of the seal chain, and one altered', async () => {
    await sealLog(ledger.log, ledger.seals, { size: 10, tail: 'always' });
    await ledger.db.query('delete from log_seals where seal_no = 3');
    await ledger.db.query(`update log_seals set seal_hash = repeat('f', 64) where seal_no = 5`);
    const report = await verifyLog(ledger.log, ledger.seals);
    const reasons = report.findings.map((f) => f.reason);
    expect(reasons).toEqual([
      'seal 4: it follows seal 2: seal 3 is missing',
      expect.stringMatching(/^seal 5: the events at positions \d+–\d+ no longer hash to the seal/),
      'seal 6: it does not carry the hash of seal 5: one of the two was altered',
    ]);
  });

  it('leaves the unsealed tail to the stream chains alone, and says how long it is', async () => {
    await sealLog(ledger.log, ledger.seals, { size: 60, tail: 'never' });
    const last = await positionOf(ledger.db, BLABY_STREAM, 4);
    await ledger.db.query('delete from events where global_position = $1', [last]);
    const report = await verifyLog(ledger.log, ledger.seals);
    expect(report).toMatchObject({ ok: true, unsealedTail: 2 });
  });

  it('with --seal, seals an intact log after checking it, and never a broken one', async () => {
    const sealed = await runVerifyCommand(ledger, { seal: true });
    expect(sealed.stdout).toMatch(/Sealed 63 event\(s\) in 1 seal\(s\); last seal 1/);
    expect((await verifyLog(ledger.log, ledger.seals)).unsealedTail).toBe(0);

    await ledger.run({ caseId: BLABY, command: { type: 'ReportPerformance', on: '2016-07-11', measureId: 'asb', period: '2016-Q1', actual: 90, commentary: '' }, occurredAt: '2016-07-11T10:00:00+01:00', recordedAt: '2016-07-11T09:00:00Z' });
    await ledger.db.query(`update events set data = jsonb_set(data, '{actual}', '9') where global_position = (select max(global_position) from events)`);
    const refused = await runVerifyCommand(ledger, { seal: true });
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).not.toMatch(/Sealed/);
    expect(await ledger.seals.all()).toHaveLength(1);
  });
});

describe('verify: seals signed with a key outside the database, and the log checked against an anchor kept elsewhere', () => {
  let ledger: AuditLedger;
  let dir: string;
  let key: SealKey;
  let signed: SealStore;
  beforeEach(async () => {
    ledger = await auditLedger();
    dir = mkdtempSync(join(tmpdir(), 'ledger-seal-key-'));
    key = SealKey.load(join(dir, 'seal-key.pem')) as SealKey;
    signed = new SealStore(ledger.db, key);
  });
  afterEach(async () => {
    await ledger.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('signs every seal; a seal whose signature no longer matches is named', async () => {
    await sealLog(ledger.log, signed, { size: 25, tail: 'always' });
    const seals = await signed.all();
    expect(seals.every((seal) => seal.keyId === key.keyId && key.verifies(seal))).toBe(true);
    expect(await verifyLog(ledger.log, signed, { key })).toMatchObject({ ok: true });

    await ledger.db.query('update log_seals set signature = (select signature from log_seals where seal_no = 1) where seal_no = 2');
    const report = await verifyLog(ledger.log, signed, { key });
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => f.reason)).toEqual([expect.stringMatching(/^seal 2: its signature does not match it/)]);
  });

  it('catches the whole chain rewritten by someone with the database but not the key: events deleted, seals rebuilt unsigned', async () => {
    await sealLog(ledger.log, signed, { size: 25, tail: 'always' });
    const anchorFile = join(dir, 'anchor.json');
    writeAnchor(anchorFile, (await verifyLog(ledger.log, signed, { key })).anchor);
    const last = await positionOf(ledger.db, BLABY_STREAM, 4);
    await ledger.db.query('delete from events where global_position = $1', [last]);
    await ledger.db.query('delete from log_seals');
    await sealLog(ledger.log, ledger.seals, { size: 25, tail: 'always' });

    const report = await verifyLog(ledger.log, signed, { key, anchor: readAnchor(anchorFile) });
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => f.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/seal 3 no longer has the hash the anchor/), expect.stringMatching(/recorded 63 event\(s\).*now holds 62 there: events were deleted/)]));
    expect(report.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^3 seal\(s\) carry no signature/)]));
  });

  it('warns of a log whose seals were all deleted, and with the anchor finds it broken', async () => {
    await sealLog(ledger.log, signed, { size: 25, tail: 'always' });
    const anchor = (await verifyLog(ledger.log, signed, { key })).anchor;
    await ledger.db.query('delete from log_seals');
    const bare = await verifyLog(ledger.log, signed, { key });
    expect(bare.ok).toBe(true);
    expect(bare.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^The log holds 63 event\(s\) and no seal at all/)]));
    const anchored = await verifyLog(ledger.log, signed, { key, anchor });
    expect(anchored.ok).toBe(false);
    expect(anchored.findings.map((f) => f.reason)).toEqual(expect.arrayContaining([expect.stringMatching(/the log has 0 seal\(s\); the anchor .* recorded 3: seals were deleted/)]));
  });

  it('finds a tail deleted after the last seal through the anchor (`verify --anchor`), which the chains alone cannot see', async () => {
    await sealLog(ledger.log, signed, { size: 60, tail: 'never' });
    const anchorFile = join(dir, 'anchor.json');
    const first = await runVerifyCommand(ledger, { writeAnchor: anchorFile }, signed);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/WARNING: 3 event\(s\) after the last seal are not sealed yet/);
    expect(first.stdout).toMatch(/Anchor written to/);
    const last = await positionOf(ledger.db, BLABY_STREAM, 4);
    await ledger.db.query('delete from events where global_position = $1', [last]);

    expect((await verifyLog(ledger.log, signed, { key })).ok).toBe(true);
    const anchored = await runVerifyCommand(ledger, { anchor: anchorFile }, signed);
    expect(anchored.exitCode).toBe(1);
    expect(anchored.stdout).toMatch(/BROKEN: .*recorded 63 event\(s\) up to position \d+; the log now holds 62 there: events were deleted/);
  });
});
