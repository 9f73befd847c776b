import { grantWithDueDiligenceDocument } from '../../libs/domain/test/grant-due-diligence.fixture';

/**
 * A second year written from scratch, as a new PCC might: its own themes, priority codes
 * that are not SPn, three localities rather than nine, and a PCC-grant workflow of its own
 * (due diligence, then a director's approval above £10,000; three reds, 5 % amber).
 */
export function framework201718(): Record<string, unknown> {
  const reach = { scope: 'area', localities: [], partial: false };
  const line = (ref: string, title: string, valuePence: number, extra: Record<string, unknown>) => ({
    ref, title, valuePence, theme: 'safe-streets', primaryPriorities: ['SS-1'], secondaryPriorities: [], geographicalReach: reach, ...extra,
  });
  const plf = (ref: string, locality: string, valuePence: number) =>
    line(ref, `PLF ${locality}`, valuePence, { mechanism: 'plf', locality, geographicalReach: { scope: 'localities', localities: [locality], partial: false } });
  const sectionLines = [
    line('A1', 'Street safety wardens', 40_000_00, { mechanism: 'direct', organisation: 'Wardens Ltd' }),
    plf('L1', 'north-vale', 10_000_00),
    plf('L2', 'south-downs', 8_000_00),
    plf('L3', 'east-marsh', 7_000_00),
  ];
  const subtotal = sectionLines.reduce((s, l) => s + l.valuePence, 0);
  const allocation = line('X1', 'Victim navigator pilot', 5_000_00, { mechanism: null, theme: 'victims-first', primaryPriorities: ['VF-1'] });
  return {
    schema: 'commissioning-framework/v1',
    financialYear: '2017-18',
    title: 'Commissioning Framework 2017/18',
    source: { issued: '2017-01-16' },
    period: { start: '2017-04-01', end: '2018-03-31' },
    totalBudgetPence: 100_000_00,
    themes: [
      { code: 'safe-streets', number: 1, name: 'Safe streets' },
      { code: 'victims-first', number: 2, name: 'Victims first' },
    ],
    strategicPriorities: [
      { code: 'SS-1', number: 1, theme: 'safe-streets', title: 'Night-time economy' },
      { code: 'SS-2', number: 2, theme: 'safe-streets', title: 'Rural crime' },
      { code: 'VF-1', number: 3, theme: 'victims-first', title: 'Navigating the justice system' },
    ],
    fundingMechanisms: [
      { code: 'direct', name: 'Direct commissioning' },
      { code: 'plf', name: 'Partnership Locality Fund' },
      { code: 'pcc-grant', name: 'Community grants' },
    ],
    boards: [],
    localities: [
      { slug: 'north-vale', name: 'North Vale', plfAllocationPence: 10_000_00, vliSharePercent: 40 },
      { slug: 'south-downs', name: 'South Downs', plfAllocationPence: 8_000_00, vliSharePercent: 32 },
      { slug: 'east-marsh', name: 'East Marsh', plfAllocationPence: 7_000_00, vliSharePercent: 28 },
    ],
    plf: { totalPence: 25_000_00, meetingDeadline: '2017-03-15' },
    pccGrant: { newRoundsOpen: true },
    appendixB: { sections: [{ theme: 'safe-streets', subtotalPence: subtotal, lines: sectionLines }], grandTotalPence: subtotal },
    appendixC: { lines: [allocation], totalPence: allocation.valuePence },
    pots: { 'pcc-grant': 20_000_00 },
    commissioningReservePence: 100_000_00 - subtotal - allocation.valuePence - 20_000_00,
    workflowVersions: [grantWithDueDiligenceDocument()],
    workflows: { 'pcc-grant': { id: 'pcc-grant-due-diligence', version: 1 } },
  };
}
