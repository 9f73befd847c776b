import { Logger } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { SealingRefused, SealingService, sealLog, verifyLog } from '@app/audit';
import { type AuditLedger, auditLedger } from './audit-ledger';

describe('sealing the global order', () => {
  let ledger: AuditLedger;
  beforeEach(async () => {
    ledger = await auditLedger();
  });
  afterEach(() => ledger.close());

  it('seals every N events, the tail only when asked, and never seals anything twice', async () => {
    const first = await sealLog(ledger.log, ledger.seals, { size: 20, tail: 'never' });
    expect(first.written.map((s) => s.events)).toEqual([20, 20, 20]);
    expect((await sealLog(ledger.log, ledger.seals, { size: 20, tail: 'never' })).written).toEqual([]);
    const tail = await sealLog(ledger.log, ledger.seals, { size: 20, tail: 'always' });
    expect(tail.written).toEqual([expect.objectContaining({ sealNo: 4, events: 3, previousSealHash: first.written[2].sealHash })]);
    expect((await sealLog(ledger.log, ledger.seals, { tail: 'always' })).written).toEqual([]);
    expect(await verifyLog(ledger.log, ledger.seals)).toMatchObject({ ok: true, unsealedTail: 0, seals: { checked: 4, broken: 0 } });
  });

  it('seals a short tail once its first event is older than the unsealed window allows', async () => {
    await sealLog(ledger.log, ledger.seals, { size: 60, tail: 'never' });
    // The tail's first event was recorded at 2016-02-20T11:00Z.
    const early = await sealLog(ledger.log, ledger.seals, { size: 60, tail: { recordedBefore: new Date('2016-02-20T10:59:59Z') } });
    expect(early.written).toEqual([]);
    const due = await sealLog(ledger.log, ledger.seals, { size: 60, tail: { recordedBefore: new Date('2016-02-20T11:00:00Z') } });
    expect(due.events).toBe(3);
  });

  it('lets two sealers run at once without a gap or a duplicate in the seal chain', async () => {
    const reports = await Promise.all([1, 2, 3].map(() => sealLog(ledger.log, ledger.seals, { size: 7, tail: 'always' })));
    const seals = await ledger.seals.all();
    expect(seals.map((s) => s.sealNo)).toEqual(seals.map((_, i) => i + 1));
    expect(seals.reduce((sum, s) => sum + s.events, 0)).toBe(63);
    expect(reports.reduce((sum, r) => sum + r.written.length, 0)).toBe(seals.length);
    expect((await verifyLog(ledger.log, ledger.seals)).ok).toBe(true);
  });

  it('refuses to go on sealing once the event the last seal ends at has gone', async () => {
    const { lastSeal } = await sealLog(ledger.log, ledger.seals, { size: 30, tail: 'never' });
    await ledger.db.query('delete from events where global_position = $1', [lastSeal?.toPosition]);
    await expect(sealLog(ledger.log, ledger.seals, { tail: 'always' })).rejects.toBeInstanceOf(SealingRefused);
  });

  it('runs on an interval in a long-running process, one run at a time, and stops with it', async () => {
    const quiet = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const service = new SealingService(ledger.log, ledger.seals, loadConfig({}), { intervalMs: 20, size: 50, maxUnsealedMs: 0 });
    service.onApplicationBootstrap();
    await Promise.all([service.tick(), service.tick()]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await service.onApplicationShutdown();
    quiet.mockRestore();
    expect((await ledger.seals.all()).map((s) => s.events)).toEqual([50, 13]);
  });
});
