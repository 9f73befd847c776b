import type { PersonCaseCommand } from '@app/auth';

/**
 * How a person fills in each case command: labels and input kinds only. What the fields
 * mean, whether they are valid and what the command does are the API's (its DTO and its
 * controller) and the domain's; a form turns typed text into the API's body and no more.
 */
export type FieldKind = 'text' | 'textarea' | 'date' | 'money' | 'integer' | 'number' | 'lines' | 'select' | 'checkboxes';

export interface FormField {
  /** The body's field, dotted for nested objects (contract.provider) as problem details name it. */
  readonly name: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly hint?: string;
  readonly optional?: boolean;
  readonly options?: ReadonlyArray<{ value: string; text: string }>;
}

export interface CaseForm {
  readonly title: string;
  readonly button: string;
  readonly fields: readonly FormField[];
  /** Some commands have a page of their own (the CSP's plan): the case page links there. */
  readonly page?: string;
  readonly warning?: boolean;
  /** Lists of rows (instalments): a row left wholly blank is no row. */
  readonly lists?: readonly string[];
}

const on: FormField = { name: 'on', label: 'Date', kind: 'date', hint: 'The business date this happened, for example 20 2 2016' };
const reason = (label = 'Reason'): FormField => ({ name: 'reason', label, kind: 'textarea' });
const notes: FormField = { name: 'notes', label: 'Notes', kind: 'textarea', optional: true };
const FREQUENCY = ['monthly', 'quarterly', 'six-monthly', 'annual'].map((value) => ({ value, text: value }));
const DIRECTION = [
  { value: 'higher-is-better', text: 'Higher is better' },
  { value: 'lower-is-better', text: 'Lower is better' },
];

const CONDITIONS = [
  { value: 'none', text: 'None: payable when due' },
  { value: 'performance-report', text: "A period's performance report is in" },
  { value: 'checkpoint', text: 'A checkpoint is met' },
];
/** Rows a schedule form offers; a schedule with more instalments is set through the API. */
export const INSTALMENT_ROWS = 4;

/** An instalment's fields at a list position (instalments.0.id …), each label naming its row. */
export const instalmentFields = (row: number): FormField[] => {
  const prefix = `instalments.${row}`;
  const label = (text: string) => `Instalment ${row + 1}: ${text}`;
  return [
    { name: `${prefix}.id`, label: label('id'), kind: 'text', hint: row === 0 ? 'For example 2016-Q1; leave a row blank to leave it out' : undefined },
    { name: `${prefix}.dueOn`, label: label('due on'), kind: 'date' },
    { name: `${prefix}.pence`, label: label('amount'), kind: 'money', hint: row === 0 ? 'In pounds, for example 5,300.00' : undefined },
    { name: `${prefix}.condition.kind`, label: label('paid once'), kind: 'select', options: CONDITIONS },
    { name: `${prefix}.condition.period`, label: label('reporting period, for a performance report'), kind: 'text', optional: true },
    { name: `${prefix}.condition.name`, label: label('checkpoint, for a checkpoint'), kind: 'text', optional: true },
  ];
};
const instalmentRows = (): FormField[] => Array.from({ length: INSTALMENT_ROWS }, (_, row) => instalmentFields(row)).flat();
const instalmentId: FormField = { name: 'instalmentId', label: 'Instalment', kind: 'select' };
const amount = (label: string): FormField => ({ name: 'pence', label, kind: 'money', hint: 'In pounds, for example 5,300.00' });

/** A measure's fields at a list position (contract.measures.0.name …). */
export const measureFields = (prefix: string): FormField[] => [
  { name: `${prefix}.id`, label: 'Measure id', kind: 'text', hint: 'Short, for example asb-incidents' },
  { name: `${prefix}.name`, label: 'Measure', kind: 'text' },
  { name: `${prefix}.unit`, label: 'Unit', kind: 'text' },
  { name: `${prefix}.target`, label: 'Target per period', kind: 'number' },
  { name: `${prefix}.frequency`, label: 'Reported', kind: 'select', options: FREQUENCY },
  { name: `${prefix}.direction`, label: 'Direction', kind: 'select', options: DIRECTION },
];

export const CASE_FORMS: Readonly<Record<PersonCaseCommand, CaseForm>> = {
  IssueTender: {
    title: 'Issue an open tender',
    button: 'Issue tender',
    fields: [{ name: 'reference', label: 'Tender reference', kind: 'text' }, { name: 'closesOn', label: 'Tender closes on', kind: 'date' }, on],
  },
  SelectProvider: {
    title: 'Select the provider',
    button: 'Select provider',
    fields: [{ name: 'provider', label: 'Provider', kind: 'text' }, { name: 'bidsReceived', label: 'Bids received', kind: 'integer' }, on],
  },
  GrantSingleProviderDispensation: {
    title: 'Grant a single-provider dispensation',
    button: 'Grant dispensation',
    fields: [{ name: 'provider', label: 'Provider', kind: 'text' }, reason('Why only this provider can deliver'), on],
  },
  AssignBoard: { title: 'Assign to a commissioning board', button: 'Assign board', fields: [{ name: 'board', label: 'Board code', kind: 'text' }, on] },
  RecordBoardDecision: {
    title: "Record the board's decision",
    button: 'Record decision',
    fields: [
      { name: 'decision', label: 'Decision', kind: 'select', options: [{ value: 'approved', text: 'Approved' }, { value: 'rejected', text: 'Rejected' }] },
      notes,
      on,
    ],
  },
  SubmitCspPlan: { title: "Submit the CSP's plan", button: 'Submit plan', fields: [], page: 'plan' },
  ScheduleCspMeeting: { title: 'Schedule the meeting with the CSP', button: 'Schedule meeting', fields: [{ name: 'meetingOn', label: 'Meeting date', kind: 'date' }, on] },
  ExtendMeetingDeadline: {
    title: "Extend this CSP's meeting deadline",
    button: 'Extend deadline',
    fields: [{ name: 'newDeadline', label: 'New deadline', kind: 'date' }, reason(), on],
  },
  HoldCspMeeting: { title: 'Record that the meeting was held', button: 'Record meeting held', fields: [notes, { ...on, label: 'Held on' }] },
  ExcludeDuplicatePlanLines: {
    title: 'Exclude plan lines that duplicate existing provision',
    button: 'Exclude lines',
    fields: [{ name: 'lineIds', label: 'Plan line ids', kind: 'lines', hint: 'One id per line' }, reason('What existing provision they duplicate'), on],
  },
  AssessGrantApplication: {
    title: 'Assess the grant application',
    button: 'Record assessment',
    fields: [
      { name: 'score', label: 'Score', kind: 'integer' },
      { name: 'recommendation', label: 'Recommendation', kind: 'select', options: [{ value: 'award', text: 'Award' }, { value: 'decline', text: 'Decline' }] },
      notes,
      on,
    ],
  },
  DeclineGrant: { title: 'Decline the grant', button: 'Decline grant', fields: [reason(), on], warning: true },
  RejectProposal: { title: 'Reject', button: 'Reject', fields: [reason(), on], warning: true },
  WithdrawProposal: { title: 'Withdraw', button: 'Withdraw', fields: [reason(), on], warning: true },
  AwardContract: {
    title: 'Award the contract or agreement',
    button: 'Award',
    fields: [
      {
        name: 'contract.kind',
        label: 'Kind',
        kind: 'select',
        options: [{ value: 'agreement', text: 'Agreement' }, { value: 'contract', text: 'Contract' }, { value: 'grant', text: 'Grant' }],
      },
      { name: 'contract.provider', label: 'Provider', kind: 'text' },
      { name: 'contract.valuePence', label: 'Value', kind: 'money', hint: 'In pounds, for example 21,200.00' },
      { name: 'contract.outcomes', label: 'Outcomes commissioned', kind: 'lines', hint: 'One per line' },
      { name: 'contract.qualityStandards', label: 'Quality standards', kind: 'lines', hint: 'One per line' },
      ...measureFields('contract.measures.0'),
      { name: 'contract.underAchievementClause', label: 'How under-achievement is managed', kind: 'textarea' },
      { name: 'contract.startDate', label: 'Start date', kind: 'date' },
      { name: 'contract.endDate', label: 'End date', kind: 'date' },
      on,
    ],
  },
  ReportPerformance: {
    title: 'Report performance',
    button: 'Report performance',
    fields: [
      { name: 'measureId', label: 'Measure', kind: 'select' },
      { name: 'period', label: 'Period', kind: 'text', hint: 'For example 2016-Q1 (April to June 2016)' },
      { name: 'actual', label: 'Actual', kind: 'number' },
      { name: 'commentary', label: 'Commentary', kind: 'textarea', optional: true },
      on,
    ],
  },
  AgreePerformanceMeasures: { title: 'Agree performance measures', button: 'Agree measures', fields: [...measureFields('measures.0'), on] },
  AgreeRemedialAction: {
    title: 'Agree remedial action',
    button: 'Agree remedial action',
    fields: [{ name: 'action', label: 'Action agreed', kind: 'textarea' }, { name: 'reviewBy', label: 'Review by', kind: 'date' }, on],
  },
  VaryContract: {
    title: 'Vary the contract',
    button: 'Vary contract',
    fields: [
      { name: 'valuePence', label: 'New value', kind: 'money', hint: 'In pounds' },
      { name: 'endDate', label: 'New end date', kind: 'date', optional: true },
      reason(),
      on,
    ],
  },
  CloseContract: { title: 'Close the contract', button: 'Close contract', fields: [notes, on] },
  TerminateContract: { title: 'Terminate the contract early', button: 'Terminate', fields: [reason(), on], warning: true },
  // The generic steps: the step (and its outcomes) come from the case's workflow, named in the path.
  CompleteCheckpoint: { title: 'Complete this step', button: 'Record outcome', fields: [{ name: 'outcome', label: 'Outcome', kind: 'select' }, notes, on] },
  RecordApproval: {
    title: 'Decide this approval',
    button: 'Record decision',
    fields: [{ name: 'decision', label: 'Decision', kind: 'select', options: [{ value: 'approved', text: 'Approved' }, { value: 'refused', text: 'Refused' }] }, notes, on],
  },
  SetPaymentSchedule: {
    title: 'Set the payment schedule',
    button: 'Set schedule',
    fields: [...instalmentRows(), on],
    lists: ['instalments'],
  },
  ReprofilePaymentSchedule: {
    title: 'Re-profile the unpaid instalments',
    button: 'Re-profile',
    fields: [...instalmentRows(), reason(), on],
    lists: ['instalments'],
  },
  RecordClaim: {
    title: 'Record a claim',
    button: 'Record claim',
    fields: [instalmentId, amount('Amount claimed'), { name: 'evidenceRef', label: 'Evidence', kind: 'text', hint: 'The invoice or return the claim rests on' }, on],
  },
  ApproveClaim: { title: 'Approve claim', button: 'Approve claim', fields: [on] },
  RejectClaim: { title: 'Reject claim', button: 'Reject claim', fields: [reason(), on], warning: true },
  RecordPayment: { title: 'Record payment of claim', button: 'Record payment', fields: [{ name: 'paymentRef', label: 'Payment reference', kind: 'text' }, on] },
  RecoverPayment: { title: 'Recover a payment', button: 'Recover', fields: [instalmentId, amount('Amount to recover'), reason(), on], warning: true },
  RecordCheckpointMet: {
    title: 'Record a payment checkpoint as met',
    button: 'Record checkpoint met',
    fields: [{ name: 'checkpoint', label: 'Checkpoint', kind: 'select' }, { name: 'evidenceRef', label: 'Evidence', kind: 'text' }, on],
  },
  CarryForwardInstalments: {
    title: 'Carry unpaid instalments to the next year',
    button: 'Carry forward',
    fields: [
      { name: 'instalmentIds', label: 'Instalments to carry', kind: 'checkboxes', hint: 'Unpaid instalments with no claim on them' },
      { name: 'toYear', label: 'Next financial year', kind: 'select', hint: 'Its framework must be imported and its budget hold what is carried' },
      reason('Reason for the decision'),
      on,
    ],
  },
};
