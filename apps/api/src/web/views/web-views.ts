import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import nunjucks from 'nunjucks';
import { formatPence, formatUkDate, isBusinessDate } from '@app/domain';
import { valueAt } from '../forms/form-body';

/** This folder's templates, found from the sources or from dist/ (where tsc copies no .njk). */
export function templatesDir(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'api', 'src', 'web', 'views', 'templates');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`apps/api/src/web/views/templates not found above ${from}`);
  }
}

/** Where each package keeps its Nunjucks macros and assets. */
export const GOVUK_DIST = dirname(dirname(require.resolve('govuk-frontend')));
export const MOJ_ROOT = dirname(dirname(require.resolve('@ministryofjustice/frontend')));

/**
 * The id of a field's input, from its name in a problem (budgetLines[0].pence → field-budgetLines-0-pence):
 * the error summary links there. A date's link goes to its day input.
 */
export function fieldId(field: string, dateFields?: unknown): string {
  const id = `field-${field.replace(/[.[\]]+/g, '-').replace(/-+$/, '')}`;
  return Array.isArray(dateFields) && dateFields.includes(field) ? `${id}-day` : id;
}

const instant = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** "2016-02-29" → "29 Feb 2016"; an ISO instant → "29 Feb 2016, 10:15" in Europe/London. */
export function ukDate(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  if (isBusinessDate(value)) return formatUkDate(value);
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? value : instant.format(parsed).replace('Sept', 'Sep');
}

/**
 * The one Nunjucks environment of the web app: GOV.UK Frontend and MoJ Frontend macros,
 * the app's templates, autoescaping on, and UK money and dates from the domain's formatters.
 */
@Injectable()
export class WebViews {
  readonly env: nunjucks.Environment;

  constructor() {
    const loader = new nunjucks.FileSystemLoader([templatesDir(), GOVUK_DIST, MOJ_ROOT], { noCache: false });
    this.env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
    this.env.addFilter('money', (pence: unknown) => (typeof pence === 'number' ? formatPence(pence) : ''));
    this.env.addFilter('ukDate', ukDate);
    // MoJ's timeline formats its dates through a filter called date: ours, in Europe/London.
    this.env.addFilter('date', ukDate);
    this.env.addFilter('mojDate', ukDate);
    this.env.addGlobal('fieldId', fieldId);
    this.env.addGlobal('valueAt', valueAt);
    this.env.addGlobal('dateParts', (date: unknown) => {
      const [year, month, day] = typeof date === 'string' ? date.split('-').map(Number) : [];
      return year ? { day, month, year } : {};
    });
  }

  render(template: string, context: Record<string, unknown>): string {
    return this.env.render(template, context);
  }
}
