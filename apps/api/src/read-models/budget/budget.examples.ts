/** What GET /frameworks/2016-17/budget returns straight after the 2016/17 import (abbreviated). */
export const BUDGET_EXAMPLE = {
  financialYear: '2016-17',
  totalPence: 461100000,
  committedPence: 427198300,
  allocatedPence: 78200000,
  availablePence: 0,
  reservePence: 33901700,
  potsLeftPence: 0,
  pots: {},
  byTheme: { 'reducing-offending': 203459900, 'supporting-victims': 147673400, various: 45000000, 'protecting-vulnerable': 20592400, 'safer-communities': 10472600 },
  byMechanism: { direct: 207692200, 'co-commissioning': 129949400, plf: 45000000, unassigned: 33200000, 'pcc-grant': 11356700 },
  byPriority: { SP3: 74540500, SP9: 64438400, SP1: 61216500, SP2: 50202900, various: 45000000, SP5: 29200000, 'SP5+SP6': 26887700, '…': '…' },
  byLocality: { 'leicester-city': 21510000, charnwood: 6795000, 'hinckley-and-bosworth': 3600000, 'north-west-leicestershire': 3195000, blaby: 2970000, harborough: 2385000, 'oadby-and-wigston': 1980000, melton: 1575000, rutland: 990000 },
  byProvider: { 'Leicester City Council': 72114100, 'Catch 22': 64438400, unassigned: 33200000, TBC: 2056400, 'To be confirmed': 2000000, '…': '…' },
  byGeographicalReach: { llr: 263356100, 'multiple-localities': 67056000, 'leicester-city': 62280300, charnwood: 14010500, national: 2619000, '…': '…' },
  bySource: { 'appendix-b': 393998300, 'appendix-c': 33200000 },
  formatted: { total: '£4,611,000.00', committed: '£4,271,983.00', allocated: '£782,000.00', available: '£0.00', reserve: '£339,017.00', potsLeft: '£0.00', byTheme: { 'reducing-offending': '£2,034,599.00', '…': '…' } },
  lineCount: 57,
  asOfPosition: 58,
};

export const BUDGET_CSV_EXAMPLE =
  'breakdown,key,pence,amount\r\nsummary,total,461100000,"£4,611,000.00"\r\nsummary,committed,427198300,"£4,271,983.00"\r\n' +
  'byLocality,rutland,990000,"£9,900.00"\r\n';

export const NOT_FOUND_EXAMPLE = {
  type: 'https://commissioning-ledger.org.uk/problems/not-found',
  title: 'Not found',
  status: 404,
  code: 'NOT_FOUND',
  detail: 'No framework has been imported for 2017-18 (or the budget read model has not caught up yet)',
  financialYear: '2017-18',
  instance: '/frameworks/2017-18/budget',
};
