import { type FrameworkDefinition, formatPence, type Pence } from '@app/domain';
import type { FormField } from './case-forms';

/** The amendments a person makes from the web app, each named by its API path (/frameworks/{year}/amendments/<path>). */
export type AmendmentKind = 'budget' | 'boards' | 'localities' | 'locality-mergers' | 'priorities';

export interface AmendmentForm {
  readonly kind: AmendmentKind;
  readonly title: string;
  readonly hint: string;
  readonly button: string;
  /** The fields, given the year's framework for its choices (localities, themes) and its figures. */
  readonly fields: (framework: FrameworkDefinition, figures: { readonly reservePence: Pence }) => FormField[];
}

const reason: FormField = { name: 'reason', label: 'Reason', kind: 'textarea', hint: 'Why the framework changes, for example the decision that changed it' };
const on: FormField = { name: 'on', label: 'Date', kind: 'date', hint: 'The business date of the decision, for example 1 9 2016' };
const choose = (items: ReadonlyArray<{ value: string; text: string }>, none: string) => [{ value: '', text: none }, ...items];
const localities = (framework: FrameworkDefinition) => framework.localities.map((l) => ({ value: l.slug, text: l.name }));

/**
 * How a person fills in each amendment: labels and input kinds only. The DTO of the API's
 * route checks them; the framework's amendment rules (libs/domain) decide them.
 */
export const AMENDMENT_FORMS: Readonly<Record<AmendmentKind, AmendmentForm>> = {
  budget: {
    kind: 'budget',
    title: 'Change the budget',
    hint: 'The total commissioning budget, the commissioning reserve, or both. A figure left blank is unchanged.',
    button: 'Change budget',
    fields: (framework, figures) => [
      { name: 'totalBudgetPence', label: 'New total budget', kind: 'money', optional: true, hint: `In pounds; now ${formatPence(framework.totalBudgetPence)}` },
      { name: 'reservePence', label: 'New commissioning reserve', kind: 'money', optional: true, hint: `In pounds; now ${formatPence(figures.reservePence)}` },
      reason,
      on,
    ],
  },
  boards: {
    kind: 'boards',
    title: 'Add a board',
    hint: 'A board that co-commissions on the PCC’s behalf.',
    button: 'Add board',
    fields: () => [{ name: 'board.code', label: 'Board code', kind: 'text', hint: 'Short, for example VAWG' }, { name: 'board.name', label: 'Board name', kind: 'text' }, reason, on],
  },
  localities: {
    kind: 'localities',
    title: 'Add a locality',
    hint: 'A Community Safety Partnership area with its Partnership Locality Fund allocation, drawn from what is available.',
    button: 'Add locality',
    fields: () => [
      { name: 'locality.slug', label: 'Locality id', kind: 'text', hint: 'Lower-case letters and dashes, for example leicester-east' },
      { name: 'locality.name', label: 'Name', kind: 'text' },
      { name: 'locality.plfAllocationPence', label: 'PLF allocation', kind: 'money', hint: 'In pounds, for example 25,000.00' },
      { name: 'locality.vliSharePercent', label: 'Share of the Vulnerable Localities Index', kind: 'number', hint: 'In per cent, for example 5.5' },
      { name: 'locality.plfMeetingDeadline', label: 'PLF meeting to be held by', kind: 'date', optional: true, hint: "Left blank: the framework's date" },
      reason,
      on,
    ],
  },
  'locality-mergers': {
    kind: 'locality-mergers',
    title: 'Merge two localities',
    hint: 'The locality leaves the framework; its allocation, VLI share and PLF case move to the one it merges into.',
    button: 'Merge localities',
    fields: (framework) => [
      { name: 'locality', label: 'Locality that merges', kind: 'select', options: choose(localities(framework), 'Choose a locality') },
      { name: 'into', label: 'Locality it merges into', kind: 'select', options: choose(localities(framework), 'Choose a locality') },
      { name: 'plfAllocationPence', label: 'Merged PLF allocation', kind: 'money', optional: true, hint: 'In pounds; left blank, the two allocations added together' },
      reason,
      on,
    ],
  },
  priorities: {
    kind: 'priorities',
    title: 'Add a strategic priority',
    hint: 'A priority under one of the framework’s themes, with a code of any shape the framework uses.',
    button: 'Add priority',
    fields: (framework) => [
      { name: 'priority.code', label: 'Code', kind: 'text', hint: 'For example SP18' },
      { name: 'priority.number', label: 'Number', kind: 'integer' },
      { name: 'priority.theme', label: 'Theme', kind: 'select', options: choose(framework.themes.map((t) => ({ value: t.code, text: `${t.number}. ${t.name}` })), 'Choose a theme') },
      { name: 'priority.title', label: 'Title', kind: 'text' },
      reason,
      on,
    ],
  },
};

export const isAmendmentKind = (value: unknown): value is AmendmentKind => typeof value === 'string' && Object.hasOwn(AMENDMENT_FORMS, value);
