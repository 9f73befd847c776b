/** OpenAPI examples: Youth Mentoring (B05, £147,556) on 2 Nov 2016, Q1 paid and Q2 withheld for its late report. */
const FIGURES = {
  scheduledPence: 14755600,
  paidPence: 3688900,
  recoveredPence: 0,
  approvedUnpaidPence: 0,
  withheldPence: 3688900,
  duePence: 0,
  forecastPence: 7377800,
  remainingPence: 11066700,
};

export const SCHEDULE_EXAMPLE = {
  caseId: '2016-17-B05',
  financialYear: '2016-17',
  ref: 'B05',
  title: 'Youth Mentoring',
  provider: 'Twenty-Twenty',
  valuePence: 14755600,
  on: '2016-11-02',
  basis: 'default',
  checkpointsMet: [],
  instalments: [
    {
      id: '2016-Q1',
      dueOn: '2016-07-31',
      dueOnFormatted: '31 Jul 2016',
      pence: 3688900,
      amount: '£36,889.00',
      condition: { kind: 'performance-report', period: '2016-Q1' },
      withheldFor: [],
      status: 'paid',
      paidPence: 3688900,
      claims: [
        {
          claimId: '2016-Q1-claim-1',
          instalmentId: '2016-Q1',
          pence: 3688900,
          evidenceRef: 'Twenty-Twenty invoice TT-2016-0712',
          recordedBy: 'officer.one',
          receivedOn: '2016-07-12',
          status: 'paid',
          approvedBy: ['officer.two', 'head.of.finance'],
          approvalsRequired: 2,
          paymentRef: 'BACS-2016-08-0123',
          paidOn: '2016-08-01',
        },
      ],
    },
    { id: '2016-Q2', dueOn: '2016-10-31', status: 'withheld', withheldFor: ['condition-unmet'], withheldPence: 3688900, '…': '…' },
  ],
  totals: FIGURES,
  formatted: { scheduled: '£147,556.00', paid: '£36,889.00', withheld: '£36,889.00', remaining: '£110,667.00', '…': '…' },
  asOfPosition: 71,
};

export const ACTUALS_EXAMPLE = {
  financialYear: '2016-17',
  on: '2016-11-02',
  ...FIGURES,
  formatted: { paid: '£36,889.00', remaining: '£110,667.00', '…': '…' },
  byTheme: { 'reducing-offending': FIGURES, '…': '…' },
  byPriority: { SP1: FIGURES, '…': '…' },
  byMechanism: { direct: FIGURES, '…': '…' },
  byLocality: {},
  byProvider: { 'Twenty-Twenty': FIGURES, '…': '…' },
  caseCount: 46,
  asOfPosition: 71,
};

export const SPEND_EXAMPLE = {
  financialYear: '2016-17',
  thresholdPence: 50000,
  threshold: '£500.00',
  months: [
    {
      month: '2016-08',
      totalPence: 3688900,
      total: '£36,889.00',
      items: [
        {
          month: '2016-08',
          paidOn: '2016-08-01',
          caseId: '2016-17-B05',
          ref: 'B05',
          title: 'Youth Mentoring',
          provider: 'Twenty-Twenty',
          theme: 'reducing-offending',
          instalmentId: '2016-Q1',
          claimId: '2016-Q1-claim-1',
          paymentRef: 'BACS-2016-08-0123',
          pence: 3688900,
          amount: '£36,889.00',
        },
      ],
    },
  ],
};

export const SPEND_CSV_EXAMPLE =
  'month,paidOn,caseId,ref,title,provider,theme,instalmentId,claimId,paymentRef,pence,amount\r\n' +
  '2016-08,2016-08-01,2016-17-B05,B05,Youth Mentoring,Twenty-Twenty,reducing-offending,2016-Q1,2016-Q1-claim-1,BACS-2016-08-0123,3688900,"£36,889.00"\r\n';
