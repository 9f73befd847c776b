import { Injectable } from '@nestjs/common';
import { FrameworkService } from '@app/commissioning';
import { BudgetQuery } from '../../read-models/budget/budget.query';

export interface Option {
  readonly value: string;
  readonly text: string;
}

export interface FilterOptions {
  readonly years: readonly string[];
  readonly year: string | null;
  readonly mechanisms: readonly Option[];
  readonly localities: readonly Option[];
  readonly themes: readonly Option[];
  readonly priorities: readonly Option[];
  /** Code → name, for headings and roll-up rows. */
  readonly names: Readonly<Record<string, string>>;
}

const NONE: FilterOptions = { years: [], year: null, mechanisms: [], localities: [], themes: [], priorities: [], names: {} };

/** A select's items: "any" first, the chosen one selected. */
export function selectItems(options: readonly Option[], chosen: unknown, any = 'Any'): Array<Option & { selected?: boolean }> {
  return [{ value: '', text: any }, ...options.map((o) => ({ ...o, selected: o.value === chosen }))];
}

/**
 * What a read page's filters offer: the mechanisms, localities, themes and priorities of the
 * framework of the year asked (or the newest), so a filter names only what the year has.
 */
@Injectable()
export class FilterOptionsSource {
  constructor(
    private readonly frameworks: FrameworkService,
    private readonly budget: BudgetQuery,
  ) {}

  async of(financialYear: unknown): Promise<FilterOptions> {
    const years = await this.budget.years();
    const year = typeof financialYear === 'string' && years.includes(financialYear) ? financialYear : years[0];
    if (!year) return NONE;
    const d = (await this.frameworks.load(year)).definition;
    if (!d) return { ...NONE, years };
    const mechanisms = [...d.fundingMechanisms.map((m) => ({ value: m.code, text: m.name })), { value: 'unassigned', text: 'Not yet assigned a mechanism' }];
    const localities = d.localities.map((l) => ({ value: l.slug, text: l.name }));
    const themes = d.themes.map((t) => ({ value: t.code, text: `${t.number}. ${t.name}` }));
    const priorities = d.strategicPriorities.map((p) => ({ value: p.code, text: `${p.code}: ${p.title}` }));
    const names = Object.fromEntries([...mechanisms, ...localities, ...d.themes.map((t) => ({ value: t.code, text: t.name })), ...priorities].map((o) => [o.value, o.text]));
    return { years, year, mechanisms, localities, themes, priorities, names: { unattributed: 'Not attributed (printed "Various")', ...names } };
  }
}
