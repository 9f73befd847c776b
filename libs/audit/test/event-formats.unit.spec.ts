import { CSV_COLUMNS, csvField, csvHeader, csvRow, jsonLine, localityMatcher } from '@app/audit';
import type { StoredEvent } from '@app/event-store';

const stored = (over: Partial<StoredEvent> & { actorLocality?: string } = {}): StoredEvent => ({
  id: '00000000-0000-4000-8000-000000000001',
  streamId: 'case-2016-17-B51',
  revision: 0,
  globalPosition: 7,
  type: 'CspPlanRequested',
  schemaVersion: 1,
  data: { note: 'a "quoted", comma\r\nand a line break', pence: 2_970_000 },
  metadata: {
    actor: { id: 'officer, one', role: 'opcc-staff', ...(over.actorLocality ? { locality: over.actorLocality } : {}) },
    correlationId: 'c1',
    causationId: 'c2',
    occurredAt: '2015-10-23T10:00:00+01:00',
    recordedAt: '2015-10-23T09:00:00.000Z',
  },
  previousHash: null,
  hash: 'abc',
  ...over,
});

describe('export formats', () => {
  it.each([
    ['plain', 'plain'],
    [1234, '1234'],
    [null, ''],
    ['a,b', '"a,b"'],
    ['The "Sentinel" project', '"The ""Sentinel"" project"'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['bare\nnewline', '"bare\nnewline"'],
  ])('quotes %j per RFC 4180 as %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('writes a header and one CRLF-terminated row per event, the data as canonical JSON', () => {
    expect(csvHeader()).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
    expect(csvRow(stored())).toBe(
      '7,00000000-0000-4000-8000-000000000001,case-2016-17-B51,0,CspPlanRequested,1,2015-10-23T10:00:00+01:00,' +
        '2015-10-23T09:00:00.000Z,"officer, one",opcc-staff,,c1,c2,,abc,' +
        '"{""note"":""a \\""quoted\\"", comma\\r\\nand a line break"",""pence"":2970000}"\r\n',
    );
  });

  it('writes one whole stored event per JSONL line', () => {
    const line = jsonLine(stored());
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line)).toEqual(stored());
  });

  it("matches a locality's cases from their opening, the ledger's entries for them, and its users' acts", () => {
    const matches = localityMatcher('blaby');
    const opening = stored({ data: { profile: { caseId: '2016-17-B51', locality: 'blaby' } } });
    expect(matches(stored({ streamId: 'case-2016-17-B51', type: 'CspPlanSubmitted' }))).toBe(false);
    expect(matches(opening)).toBe(true);
    expect(matches(stored({ type: 'CspMeetingHeld', revision: 1 }))).toBe(true);
    expect(matches(stored({ streamId: 'framework-2016-17', type: 'FundsReleased', data: { caseId: '2016-17-B51' } }))).toBe(true);
    expect(matches(stored({ streamId: 'framework-2016-17', type: 'FundsReleased', data: { caseId: '2016-17-B52' } }))).toBe(false);
    expect(matches(stored({ streamId: 'case-2016-17-B60', actorLocality: 'blaby' }))).toBe(true);
    expect(matches(stored({ streamId: 'case-2016-17-B60', actorLocality: 'melton' }))).toBe(false);
  });
});
