import type { Grant } from '@app/auth';
import { seed201718 } from '@test/support/seed';
import { actingAs } from '@test/support/tokens';

const PUBLICATIONS = [
  '360giving', 'ocds/releases', 'ocds/records', 'transparency/contracts.csv', 'transparency/contracts.json', 'transparency/grants.csv', 'transparency/grants.json',
  'transparency/spend.csv', 'transparency/spend.json',
];

/**
 * Who may call what: the README's "Access control" table, route by route, as the matrix
 * test expects it. A route the API serves and this table leaves out fails the matrix, and
 * so does a route whose declared rule (its OpenAPI x-access) says something else.
 */
export const RULES: Record<string, 'public' | readonly Grant[]> = {
  'GET /health': 'public',
  'GET /metrics': 'public',

  'GET /frameworks/schema.json': 'public',
  'POST /frameworks/import': ['admin'],
  'POST /frameworks/{year}/reserve-draws': ['admin'],
  'POST /frameworks/{year}/pcc-grant-rounds/switch': ['opcc-staff', 'admin'],
  'POST /frameworks/{year}/pcc-grant-rounds': ['opcc-staff', 'admin'],
  'POST /frameworks/{year}/workflow-versions': ['opcc-staff', 'admin'],
  // FRAMEWORK_CHANGE_ROLES (default opcc-staff, admin); the import is FRAMEWORK_SETUP_ROLES (default admin).
  ...Object.fromEntries(
    ['budget', 'boards', 'localities', 'locality-mergers', 'priorities'].map((path) => [`POST /frameworks/{year}/amendments/${path}`, ['opcc-staff', 'admin'] as const]),
  ),
  'GET /frameworks/{year}': ['opcc-staff', 'auditor', 'admin'],
  'GET /frameworks/{year}/commitments': ['opcc-staff', 'auditor', 'admin'],
  'GET /frameworks/{year}/budget': ['opcc-staff', 'auditor', 'admin'],
  'GET /frameworks/{year}/budget.csv': ['opcc-staff', 'auditor', 'admin'],

  'POST /cases/proposals': ['opcc-staff', 'admin'],
  'POST /cases/plf-plan-requests': ['opcc-staff', 'admin'],
  'POST /cases/grant-applications': ['opcc-staff', 'admin'],
  'GET /cases/{caseId}': ['opcc-staff', 'csp:own-case', 'auditor', 'admin'],
  'GET /cases/{caseId}/history': ['opcc-staff', 'csp:own-case', 'auditor', 'admin'],
  'POST /cases/{caseId}/plan': ['opcc-staff', 'csp:own-case', 'admin'],
  'POST /cases/{caseId}/performance-reports': ['opcc-staff', 'csp:own-case', 'admin'],
  ...Object.fromEntries(
    [
      'tender', 'provider-selection', 'single-provider-dispensation', 'board', 'board-decision', 'meeting', 'meeting-deadline-extension',
      'meeting-held', 'duplicate-exclusions', 'assessment', 'decline', 'award', 'performance-measures', 'remedial-actions', 'variations',
      'closure', 'termination', 'rejection', 'withdrawal',
    ].map((command) => [`POST /cases/{caseId}/${command}`, ['opcc-staff', 'admin'] as const]),
  ),

  'POST /cases/{caseId}/checkpoints/{step}': ['opcc-staff', 'admin'],
  'POST /cases/{caseId}/approvals/{step}': ['opcc-staff', 'admin'],
  'POST /cases/{caseId}/documents': ['opcc-staff', 'csp:own-case', 'admin'],
  'GET /cases/{caseId}/documents': ['opcc-staff', 'csp:own-case', 'auditor', 'admin'],
  'GET /cases/{caseId}/documents/{documentId}': ['opcc-staff', 'csp:own-case', 'auditor', 'admin'],
  'POST /cases/{caseId}/documents/{documentId}/withdrawal': ['opcc-staff', 'admin'],
  'POST /cases/{caseId}/legal-hold': ['admin'],
  'POST /cases/{caseId}/legal-hold/release': ['admin'],
  'GET /cases/{caseId}/payments': ['opcc-staff', 'csp:own-case', 'auditor', 'admin'],
  'POST /cases/{caseId}/payments/claims': ['opcc-staff', 'csp:own-case', 'admin'],
  ...Object.fromEntries(
    [
      'payments/schedule', 'payments/reprofile', 'payments/claims/{claimId}/approval', 'payments/claims/{claimId}/rejection',
      'payments/claims/{claimId}/payment', 'payments/recoveries', 'payments/checkpoints', 'payments/carry-forward',
    ].map((command) => [`POST /cases/{caseId}/${command}`, ['opcc-staff', 'admin'] as const]),
  ),
  'GET /frameworks/{year}/actuals': ['opcc-staff', 'auditor', 'admin'],
  'GET /frameworks/{year}/spend': ['opcc-staff', 'auditor', 'admin'],
  'GET /frameworks/{year}/spend.csv': ['opcc-staff', 'auditor', 'admin'],
  'GET /audit/frameworks/{year}/actuals': ['auditor', 'admin'],

  'GET /pipeline': ['opcc-staff', 'csp:own-locality', 'auditor', 'admin'],
  'GET /deadlines': ['opcc-staff', 'csp:own-locality', 'auditor', 'admin'],
  'GET /outcomes': ['opcc-staff', 'csp:own-locality', 'auditor', 'admin'],
  'GET /outcomes.csv': ['opcc-staff', 'csp:own-locality', 'auditor', 'admin'],
  'GET /outcomes/rollups': ['opcc-staff', 'auditor', 'admin'],
  'GET /outcomes/rag-over-time': ['opcc-staff', 'csp:own-locality', 'auditor', 'admin'],
  'GET /outcomes/{caseId}': ['opcc-staff', 'csp:own-case', 'auditor', 'admin'],
  'GET /audit-log': ['opcc-staff', 'auditor', 'admin'],

  'GET /audit/verify': ['auditor', 'admin'],
  'GET /audit/cases/{caseId}': ['auditor', 'admin'],
  'GET /audit/cases/{caseId}/history': ['auditor', 'admin'],
  'GET /audit/frameworks/{year}/budget': ['auditor', 'admin'],
  'GET /audit/export': ['auditor', 'admin'],

  ...Object.fromEntries(PUBLICATIONS.map((path) => [`GET /publish/${path}`, ['opcc-staff', 'auditor', 'admin'] as const])),
  // Open to anyone, and 404 unless PUBLISH_OPEN=true.
  ...Object.fromEntries(PUBLICATIONS.map((path) => [`GET /open-data/${path}`, 'public' as const])),
};

/** Mounted on Express beside the API (Bull Board), so not in the OpenAPI document: checked all the same. */
export const BESIDE_THE_API: Record<string, readonly Grant[]> = { 'GET /admin/queues': ['admin'] };

/** The Blaby CSP's PLF case: every {caseId} of the matrix. */
export const BLABY = '2016-17-B51';

export const CALLERS = {
  none: {},
  'opcc-staff': actingAs('opcc-staff', undefined, { sub: 'matrix.officer' }),
  'csp own locality': actingAs('csp', 'blaby', { sub: 'matrix.csp.blaby' }),
  'csp other locality': actingAs('csp', 'rutland', { sub: 'matrix.csp.rutland' }),
  auditor: actingAs('auditor', undefined, { sub: 'matrix.auditor' }),
  admin: actingAs('admin', undefined, { sub: 'matrix.admin' }),
} as const;
export type CallerName = keyof typeof CALLERS;

/** Refused (the status expected) or admitted (null: anything but 401 and 403) for one caller on one rule. */
export function expectedFor(caller: CallerName, rule: 'public' | readonly Grant[]): 401 | 403 | null {
  if (rule === 'public') return null;
  if (caller === 'none') return 401;
  const admits = (grant: Grant) => rule.includes(grant);
  const admitted = {
    'opcc-staff': admits('opcc-staff'),
    'csp own locality': admits('csp:own-case') || admits('csp:own-locality'),
    // Always Blaby's case, or ?locality=blaby: never Rutland's to see.
    'csp other locality': false,
    auditor: admits('auditor'),
    admin: admits('admin'),
  }[caller];
  return admitted ? null : 403;
}

const MEASURE = { id: 'asb-incidents', name: 'ASB incidents in Blaby District', unit: 'incidents', target: 420, frequency: 'quarterly', direction: 'lower-is-better' };

/**
 * Bodies that would append if admitted, for the writes a refusal matters most on; the
 * rest are sent `{}`. A refused write must leave the log as it was either way.
 */
export function bodyFor(route: string): object {
  switch (route) {
    case 'POST /frameworks/import':
      return seed201718();
    case 'POST /frameworks/{year}/amendments/budget':
      return { totalBudgetPence: 500_000_000, reason: 'Matrix test budget change', on: '2016-06-01' };
    case 'POST /frameworks/{year}/reserve-draws':
      return { pence: 100_000, reason: 'Matrix test draw', decisionRef: 'PCC/DEC/2016/099', on: '2016-06-01' };
    case 'POST /cases/{caseId}/plan':
      return { budgetLines: [{ id: 'asb-caseworker', description: 'ASB caseworker', pence: 1_450_000 }], performanceFramework: [MEASURE], on: '2016-01-12' };
    case 'POST /cases/{caseId}/performance-reports':
      return { measureId: 'asb-incidents', period: '2016-Q1', actual: 400, on: '2016-07-08' };
    case 'POST /cases/{caseId}/meeting':
      return { meetingOn: '2016-02-20', on: '2016-01-20' };
    case 'POST /cases/{caseId}/withdrawal':
    case 'POST /cases/{caseId}/rejection':
      return { reason: 'Matrix test', on: '2016-02-10' };
    default:
      return {};
  }
}

/** The concrete URL the matrix calls for a route: Blaby's case, 2016-17, and Blaby as a list's locality. */
export function urlFor(route: string, rule: 'public' | readonly Grant[]): string {
  const path = route.split(' ')[1].replace('{caseId}', BLABY).replace('{year}', '2016-17').replace('{documentId}', '00000000-0000-4000-8000-000000000000').replace('{claimId}', 'c1').replace('{step}', 'due-diligence');
  if (rule !== 'public' && rule.includes('csp:own-locality')) return `${path}?locality=blaby`;
  if (path.startsWith('/audit/cases/') || path.startsWith('/audit/frameworks/')) return `${path}?asOf=2016-03-01`;
  if (path.startsWith('/publish/') || path.startsWith('/open-data/')) return `${path}?financialYear=2016-17`;
  return path;
}
