import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { AUDIT_LOG, CSV_COLUMNS, parseExportFilter, type RawExportFilter, selectEvents } from '@app/audit';
import { caseStreamId } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { Clock, ManualClock } from '@app/platform';
import { ExportCommand } from '../../apps/cli/src/export.command';
import { type AuditLedger, auditLedger, BLABY } from './audit-ledger';
import { parseCsv } from './csv';

const BLABY_STREAM = caseStreamId(BLABY);

describe('export: a stream, a locality, a date range; JSONL and CSV', () => {
  let ledger: AuditLedger;
  let out: string;
  beforeAll(async () => {
    ledger = await auditLedger();
    out = mkdtempSync(join(tmpdir(), 'ledger-export-'));
  });
  afterAll(async () => {
    await ledger.close();
    rmSync(out, { recursive: true, force: true });
  });

  const select = async (raw: RawExportFilter) => {
    const events: StoredEvent[] = [];
    for await (const event of selectEvents(ledger.log, parseExportFilter(raw))) events.push(event);
    return events;
  };
  const types = (events: StoredEvent[]) => events.map((e) => e.type);

  /** Runs the CLI's export command class as Nest builds it; returns the files' contents. */
  async function runExport(options: RawExportFilter & { format?: string }, name: string) {
    const moduleRef = await Test.createTestingModule({
      providers: [ExportCommand, { provide: AUDIT_LOG, useValue: ledger.log }, { provide: Clock, useValue: new ManualClock(new Date('2026-01-01T00:00:00Z')) }],
    }).compile();
    const stdout: string[] = [];
    const writes = [jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => stdout.push(String(c)) > 0), jest.spyOn(process.stderr, 'write').mockImplementation(() => true)];
    try {
      await moduleRef.get(ExportCommand).run([], { ...options, out: join(out, name) });
    } finally {
      writes.forEach((w) => w.mockRestore());
    }
    const read = (ext: string) => {
      try {
        return readFileSync(join(out, name, `ledger-export.${ext}`), 'utf8');
      } catch {
        return undefined;
      }
    };
    return { stdout: stdout.join(''), jsonl: read('jsonl'), csv: read('csv') };
  }

  it('exports one stream in revision order, with the whole envelope in JSONL and every column in CSV', async () => {
    const files = await runExport({ stream: BLABY_STREAM, format: 'both' }, 'stream');
    expect(files.stdout).toMatch(/^Exported 5 event\(s\):/);
    const stored = await ledger.log.readStream(BLABY_STREAM);
    const lines = (files.jsonl ?? '').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual(stored);
    expect(lines[1]).toMatchObject({ previousHash: stored[0].hash, metadata: { actor: { locality: 'blaby' }, recordedAt: '2016-01-14T09:30:00.000Z' } });

    const [header, ...rows] = parseCsv(files.csv ?? '');
    expect(header).toEqual(CSV_COLUMNS);
    expect(rows).toHaveLength(5);
    const row = Object.fromEntries(header.map((column, i) => [column, rows[1][i]]));
    expect(row).toMatchObject({ position: String(stored[1].globalPosition), stream: BLABY_STREAM, revision: '1', type: 'CspPlanSubmitted', actorId: 'csp.blaby', actorRole: 'csp', actorLocality: 'blaby', hash: stored[1].hash });
    // The data column is the canonical JSON; its quotes and commas survive RFC 4180 quoting.
    expect(JSON.parse(row.data)).toEqual(stored[1].data);
    expect(files.csv).toContain('""Street pastors, \\""Blaby, Enderby\\""""');
    expect(files.csv?.endsWith('\r\n')).toBe(true);
  });

  it("exports a locality: its cases' events, the ledger's entries for them, and what its users did", async () => {
    expect(types(await select({ locality: 'blaby' }))).toEqual([
      'CspPlanRequested',
      'CspPlanSubmitted',
      'CspMeetingScheduled',
      'CspMeetingHeld',
      'ContractAwarded',
      'FundsReleased',
    ]);
    const files = await runExport({ locality: 'rutland', format: 'jsonl' }, 'rutland');
    expect(files.csv).toBeUndefined();
    expect((files.jsonl ?? '').trimEnd().split('\n').map((l) => JSON.parse(l).type)).toEqual(['CspPlanRequested']);
  });

  it('exports a date range on either clock: the plan occurred on 12 Jan 2016 but was recorded on the 14th', async () => {
    expect(types(await select({ from: '2016-01-01', to: '2016-01-13', basis: 'occurred' }))).toEqual(['CspPlanSubmitted']);
    expect(types(await select({ from: '2016-01-01', to: '2016-01-13', basis: 'recorded' }))).toEqual([]);
    expect(types(await select({ from: '2016-01-14', to: '2016-02-20' }))).toEqual(['CspPlanSubmitted', 'CspMeetingScheduled', 'CspMeetingHeld']);
    expect(types(await select({ locality: 'blaby', from: '2016-03-01T00:00:00Z' }))).toEqual(['ContractAwarded', 'FundsReleased']);
    const files = await runExport({ from: '2016-03-15', to: '2016-03-15', format: 'csv' }, 'range');
    expect(parseCsv(files.csv ?? '').slice(1).map((row) => row[CSV_COLUMNS.indexOf('type')])).toEqual(['ContractAwarded', 'FundsReleased']);
  });

  it('exports the whole log in global order by default', async () => {
    const all = await select({});
    expect(all).toHaveLength(63);
    expect(all[0].type).toBe('FrameworkImported');
  });

  it('refuses a bad filter naming the field', () => {
    expect(() => parseExportFilter({ from: '2016-02-30' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'from' }));
    expect(() => parseExportFilter({ from: '2016-03-02', to: '2016-03-01' })).toThrow(expect.objectContaining({ field: 'to' }));
    expect(() => parseExportFilter({ locality: 'Blaby District' })).toThrow(expect.objectContaining({ field: 'locality' }));
    expect(() => parseExportFilter({ basis: 'written' })).toThrow(expect.objectContaining({ field: 'basis' }));
  });
});
