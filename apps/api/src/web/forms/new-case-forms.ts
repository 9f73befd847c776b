import type { FrameworkDefinition } from '@app/domain';
import type { FormField } from './case-forms';

/** The kinds of new case a person opens from the web app, each the API route that opens it. */
export type NewCaseKind = 'proposal' | 'plf-plan-request' | 'grant-application';

export interface NewCaseForm {
  readonly kind: NewCaseKind;
  readonly title: string;
  readonly hint: string;
  readonly button: string;
  /** The fields, given the year's framework for its choices (themes, localities). */
  readonly fields: (framework: FrameworkDefinition | undefined, years: readonly string[]) => FormField[];
}

const optionsOf = (items: ReadonlyArray<{ value: string; text: string }>, none?: string) => [...(none ? [{ value: '', text: none }] : []), ...items];
const yearField = (years: readonly string[]): FormField => ({ name: 'financialYear', label: 'Financial year', kind: 'select', options: optionsOf(years.map((y) => ({ value: y, text: y }))) });
const localities = (framework: FrameworkDefinition | undefined) => (framework?.localities ?? []).map((l) => ({ value: l.slug, text: l.name }));
const title: FormField = { name: 'title', label: 'Title', kind: 'text' };
const on: FormField = { name: 'on', label: 'Date', kind: 'date', hint: 'The business date this happened, for example 3 5 2016' };
const caseId: FormField = { name: 'caseId', label: 'Case id', kind: 'text', optional: true, hint: 'Leave blank and one is made' };
const priorities: FormField = { name: 'primaryPriorities', label: 'Primary strategic priorities', kind: 'lines', optional: true, hint: 'One code per line, for example SP7' };

/**
 * How a person fills in each opening command: labels and input kinds only. The DTO of the
 * API's route checks them, the framework's rules decide them (libs/domain).
 */
export const NEW_CASE_FORMS: Readonly<Record<NewCaseKind, NewCaseForm>> = {
  proposal: {
    kind: 'proposal',
    title: 'Raise a proposal',
    hint: 'Direct commissioning (open tender or a single-provider dispensation) or co-commissioning through a board.',
    button: 'Raise proposal',
    fields: (framework, years) => [
      yearField(years),
      {
        name: 'mechanism',
        label: 'Funding mechanism',
        kind: 'select',
        options: [{ value: 'direct', text: 'Direct commissioning' }, { value: 'co-commissioning', text: 'Co-commissioning' }],
      },
      title,
      { name: 'description', label: 'Description', kind: 'textarea', optional: true },
      { name: 'estimatedValuePence', label: 'Estimated value', kind: 'money', hint: 'In pounds, for example 25,000.00' },
      { name: 'theme', label: 'Theme', kind: 'select', optional: true, options: optionsOf((framework?.themes ?? []).map((t) => ({ value: t.code, text: t.name })), 'None chosen') },
      priorities,
      { name: 'locality', label: 'Locality', kind: 'select', optional: true, options: optionsOf(localities(framework), 'Not tied to one locality') },
      caseId,
      on,
    ],
  },
  'plf-plan-request': {
    kind: 'plf-plan-request',
    title: "Request a CSP's plan",
    hint: "Opens the locality's Partnership Locality Fund case; the CSP then submits its plan.",
    button: 'Request plan',
    fields: (framework, years) => [
      yearField(years),
      { name: 'locality', label: 'Community Safety Partnership', kind: 'select', options: optionsOf(localities(framework), 'Choose a locality') },
      title,
      caseId,
      on,
    ],
  },
  'grant-application': {
    kind: 'grant-application',
    title: 'Receive a grant application',
    hint: 'A voluntary or community organisation’s application into an open PCC grant round.',
    button: 'Receive application',
    fields: (framework, years) => [
      yearField(years),
      { name: 'roundId', label: 'Grant round', kind: 'text', hint: 'For example round-2016-1' },
      { name: 'applicant', label: 'Applicant organisation', kind: 'text' },
      title,
      { name: 'requestedPence', label: 'Amount applied for', kind: 'money', hint: 'In pounds, for example 21,585.00' },
      { name: 'locality', label: 'Locality', kind: 'select', optional: true, options: optionsOf(localities(framework), 'Not tied to one locality') },
      { name: 'contact.name', label: 'Contact name', kind: 'text', optional: true },
      { name: 'contact.email', label: 'Contact email', kind: 'text', optional: true },
      caseId,
      on,
    ],
  },
};

export const isNewCaseKind = (value: unknown): value is NewCaseKind => typeof value === 'string' && Object.hasOwn(NEW_CASE_FORMS, value);
