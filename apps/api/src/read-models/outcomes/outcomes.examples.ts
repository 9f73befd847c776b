/** What the outcomes endpoints return (abbreviated), for the OpenAPI document. */
export const LIST_EXAMPLE = {
  items: [
    {
      caseId: '2016-17-B05',
      financialYear: '2016-17',
      title: 'Youth Mentoring',
      provider: 'Twenty-Twenty',
      mechanism: 'direct',
      theme: 'reducing-offending',
      primaryPriorities: ['SP1'],
      locality: null,
      valuePence: 14755600,
      value: '£147,556.00',
      stage: 'active',
      startDate: '2016-04-01',
      endDate: '2017-03-31',
      measures: [
        {
          id: 'mentored',
          name: 'Young people completing mentoring',
          unit: 'young people',
          target: 60,
          frequency: 'quarterly',
          direction: 'higher-is-better',
          since: '2016-04-01',
          reports: [{ period: '2016-Q1', actual: 64, target: 60, rag: 'green', reportedOn: '2016-07-08' }],
          latest: { period: '2016-Q1', actual: 64, target: 60, rag: 'green', reportedOn: '2016-07-08' },
          latestRag: 'green',
          consecutiveReds: 0,
          overdue: false,
          overduePeriods: [],
          nextReport: { period: '2016-Q2', dueOn: '2016-10-14', dueOnFormatted: '14 Oct 2016' },
        },
      ],
      latestRag: { mentored: 'green' },
      rag: 'green',
      overdue: false,
      underAchieving: false,
      underAchievement: null,
      remedialActions: [],
      closed: null,
      terminated: null,
    },
  ],
  total: 1,
  limit: 50,
  offset: 0,
  today: '2016-07-20',
};

export const ROLLUPS_EXAMPLE = {
  financialYear: '2016-17',
  byPriority: {
    SP1: {
      contracts: 6,
      valuePence: 60846500,
      value: '£608,465.00',
      sharedValuePence: 0,
      measures: 1,
      onTarget: { numerator: 1, denominator: 1, fraction: 1, formatted: '1 of 1 on target (100%)' }, rag: 'green', contractRags: { red: 0, amber: 0, green: 1, unrated: 5 },
    },
  },
  byTheme: { 'reducing-offending': { contracts: 18, valuePence: 199459900, value: '£1,994,599.00', sharedValuePence: 0, measures: 1, onTarget: { numerator: 1, denominator: 1, fraction: 1, formatted: '1 of 1 on target (100%)' }, rag: 'green', contractRags: { red: 0, amber: 0, green: 1, unrated: 17 } } },
  total: { contracts: 55, valuePence: 393998300, value: '£3,939,983.00', sharedValuePence: 0, measures: 1, onTarget: { numerator: 1, denominator: 1, fraction: 1, formatted: '1 of 1 on target (100%)' }, rag: 'green', contractRags: { red: 0, amber: 0, green: 1, unrated: 54 } },
};

export const RAG_OVER_TIME_EXAMPLE = [
  { period: '2016-Q1', counts: { red: 1, amber: 0, green: 3 }, worst: 'red' },
  { period: '2016-Q2', counts: { red: 1, amber: 1, green: 2 }, worst: 'red' },
];

export const CSV_EXAMPLE =
  'caseId,title,provider,measure,unit,target,direction,frequency,latestPeriod,latestActual,latestRag,overdue,underAchieving,valuePence,value\r\n' +
  '2016-17-B05,Youth Mentoring,Twenty-Twenty,Young people completing mentoring,young people,60,higher-is-better,quarterly,2016-Q1,64,green,false,false,14755600,"£147,556.00"\r\n';

export const BAD_REQUEST = {
  description: 'A malformed filter, named (problem+json)',
  content: {
    'application/problem+json': {
      example: {
        type: 'https://commissioning-ledger.org.uk/problems/validation-failed',
        title: 'Validation failed',
        status: 400,
        code: 'VALIDATION_FAILED',
        detail: 'rag: rag must be one of red, amber, green',
        errors: [{ field: 'rag', reason: 'rag must be one of red, amber, green' }],
      },
    },
  },
};

export const NOT_FOUND = {
  description: 'No contract for the case (problem+json)',
  content: { 'application/problem+json': { example: { type: 'https://commissioning-ledger.org.uk/problems/not-found', title: 'Not found', status: 404, code: 'NOT_FOUND', caseId: '2016-17-X99' } } },
};
