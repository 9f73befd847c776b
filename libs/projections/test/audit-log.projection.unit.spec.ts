import { type AuditEntry, auditLogProjection, caseKey, entryKey } from '@app/projections/audit-log';
import { given, stored } from './projection-spec';
import { caseEvent, seedImport } from './seed-events';

const BLABY = '2016-17-B51';
const BLABY_CSP = { id: 'csp.blaby', role: 'csp', locality: 'blaby' };

describe('audit-log projection', () => {
  const imported = seedImport();
  const [framework] = imported;
  const blabyOpened = imported.find((e) => e.streamId === `case-${BLABY}`)!;
  const submitted = caseEvent(
    BLABY,
    { type: 'CspPlanSubmitted', data: { on: '2016-01-12', budgetLines: [], totalPence: 0, performanceFramework: [] } },
    '2016-01-12T23:30:00Z',
    1,
    BLABY_CSP,
  );
  const { docs } = given(auditLogProjection, [...imported, submitted]);
  const entry = (position: number) => docs.get(entryKey(position)) as AuditEntry;

  it('keeps one entry per event, keyed by its global position padded to 15 digits so keys sort in log order', () => {
    expect(entryKey(42)).toBe('000000000000042');
    const entries = [...docs.keys()].filter((key) => !key.startsWith('case:'));
    expect(entries).toHaveLength(imported.length + 1);
    expect([...entries].sort()).toEqual([...imported, submitted].map((e) => entryKey(e.globalPosition)));
  });

  it('records who, when and why; a framework event belongs to no locality', () => {
    expect(entry(framework.globalPosition)).toEqual({
      kind: 'event',
      position: framework.globalPosition,
      eventId: framework.id,
      streamId: 'framework-2016-17',
      revision: 0,
      type: 'FrameworkImported',
      schemaVersion: 1,
      actor: { id: 'officer.one', role: 'opcc-staff', locality: null },
      locality: null,
      caseId: null,
      occurredAt: '2015-10-23T10:00:00+01:00',
      occurredOn: '2015-10-23',
      recordedAt: '2016-04-01T08:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
    });
  });

  it("gives every event of a case the case's locality, from its opening profile", () => {
    expect(docs.get(caseKey(BLABY))).toEqual({ kind: 'case', caseId: BLABY, locality: 'blaby' });
    expect(entry(blabyOpened.globalPosition)).toMatchObject({ type: 'CspPlanRequested', caseId: BLABY, locality: 'blaby' });
    expect(entry(submitted.globalPosition)).toMatchObject({
      type: 'CspPlanSubmitted',
      caseId: BLABY,
      locality: 'blaby',
      actor: BLABY_CSP,
      revision: 1,
      occurredOn: '2016-01-12', // 23:30 GMT is still 12 January in London in winter
    });
    const llrWide = imported.find((e) => e.streamId === 'case-2016-17-B02')!;
    expect(entry(llrWide.globalPosition)).toMatchObject({ caseId: '2016-17-B02', locality: null });
  });

  it('reads the case document for every case event, and writes it only when the case opens', () => {
    expect(auditLogProjection.readsOf?.(submitted)).toEqual([caseKey(BLABY)]);
    expect(auditLogProjection.keysOf(submitted)).toEqual([entryKey(submitted.globalPosition)]);
    expect(auditLogProjection.keysOf(blabyOpened)).toEqual([caseKey(BLABY), entryKey(blabyOpened.globalPosition)]);
    expect(auditLogProjection.readsOf?.(stored('framework-2016-17', { type: 'ReserveDrawn', data: {} }))).toEqual([]);
  });
});
