/**
 * A business date: a calendar day in Europe/London, written YYYY-MM-DD. Arithmetic is on
 * the calendar (no clock, no time zone drift); the time zone matters only where a date
 * meets an instant, which happens at the edge.
 */
export type BusinessDate = string;

export const BUSINESS_TIME_ZONE = 'Europe/London';
const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The years a business date may fall in. Commissioning looks a few decades either way; a
 * date outside (1900-01-01, a contract ending 9999-12-31) is a typing slip, and a date
 * the calendar functions, reminders and Postgres would each treat differently. Set once
 * at start-up from BUSINESS_YEARS (default 2000–2100).
 */
let years = { first: 2000, last: 2100 };

export function businessYears(): { readonly first: number; readonly last: number } {
  return years;
}

export function setBusinessYears(first: number, last: number): void {
  if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1000 || last > 9998 || first > last) {
    throw new RangeError(`business years must be whole years with first ≤ last, within 1000–9998 (got ${first}–${last})`);
  }
  years = { first, last };
}

/** A real calendar date written YYYY-MM-DD, in the business years. */
export function isBusinessDate(value: unknown): value is BusinessDate {
  if (typeof value !== 'string') return false;
  const match = PATTERN.exec(value);
  if (!match) return false;
  const [y, m, d] = match.slice(1).map(Number);
  if (y < years.first || y > years.last) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * Why a value is not a business date, in words a person can act on: "2017-02-29 is not a
 * date" rather than a format it already has; undefined when it is one.
 */
export function businessDateProblem(value: unknown): string | undefined {
  if (isBusinessDate(value)) return undefined;
  const match = typeof value === 'string' ? PATTERN.exec(value) : null;
  if (!match) return 'must be a date written YYYY-MM-DD';
  const [y, m, d] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return `${value as string} is not a date`;
  return `${value as string} is outside the business years ${years.first}–${years.last}`;
}

const toUtc = (date: BusinessDate): number => {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};

export function addDays(date: BusinessDate, days: number): BusinessDate {
  return new Date(toUtc(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Same day of month `months` later, clamped to the month's last day. */
export function addMonths(date: BusinessDate, months: number): BusinessDate {
  const [y, m, d] = date.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: BusinessDate, to: BusinessDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / 86_400_000);
}

const ukDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2016-02-29" → "29 Feb 2016". */
export function formatUkDate(date: BusinessDate): string {
  return ukDate.format(new Date(toUtc(date))).replace('Sept', 'Sep');
}

/** The financial year (1 April – 31 March) a date falls in, as "2016-17". */
export function financialYearOf(date: BusinessDate): string {
  const [y, m] = date.split('-').map(Number);
  const start = m >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

const londonDay = new Intl.DateTimeFormat('en-CA', { timeZone: BUSINESS_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Dates already worked out, by UTC hour: London's offset is whole hours and changes on the hour. */
const byHour = new Map<number, BusinessDate>();
const HOURS_KEPT = 100_000;

/** The business date of an instant, in Europe/London. */
export function businessDateOf(instant: Date): BusinessDate {
  const hour = Math.floor(instant.getTime() / 3_600_000);
  const known = byHour.get(hour);
  if (known !== undefined) return known;
  const parts = londonDay
    .formatToParts(instant)
    .reduce<Record<string, string>>((acc, part) => ({ ...acc, [part.type]: part.value }), {});
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  if (Number.isFinite(hour)) {
    if (byHour.size >= HOURS_KEPT) byHour.clear();
    byHour.set(hour, date);
  }
  return date;
}
