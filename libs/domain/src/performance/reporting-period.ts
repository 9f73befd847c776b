import { BoundedMemo } from '../shared/bounded-memo';
import { addDays, addMonths, type BusinessDate } from '../shared/business-date';
import type { Frequency } from '../shared/codes';

/**
 * A reporting period of a performance measure. Periods follow the financial year
 * (1 April – 31 March) and are labelled by the calendar year the financial year starts in:
 *
 *   quarterly    2016-Q1 … 2016-Q4   (Q1 = Apr–Jun 2016, Q4 = Jan–Mar 2017)
 *   monthly      2016-04 … 2017-03   (the calendar month itself)
 *   six-monthly  2016-H1, 2016-H2    (H1 = Apr–Sep 2016, H2 = Oct 2016–Mar 2017)
 *   annual       2016                (Apr 2016 – Mar 2017)
 *
 * The HTTP command API writes months and years as 2016-M01 (April) and 2016-FY; both
 * spellings are read and compared in the labels above. A contract's first period is the
 * one containing its start date; a report is due `reportDueDaysAfterPeriod` days after
 * its period ends.
 */
export interface ReportingPeriod {
  readonly label: string;
  readonly frequency: Frequency;
  readonly start: BusinessDate;
  readonly end: BusinessDate;
}

const MONTHS: Record<Frequency, number> = { monthly: 1, quarterly: 3, 'six-monthly': 6, annual: 12 };

/** The financial year start (1 April) and month index within it (0 = April) of a date. */
function fiscal(date: BusinessDate): { year: number; index: number } {
  const [y, m] = date.split('-').map(Number);
  return m >= 4 ? { year: y, index: m - 4 } : { year: y - 1, index: m + 8 };
}

/** Periods already built: a case's chain of report deadlines is walked again on each of its events. */
const built = new BoundedMemo<ReportingPeriod>(10_000);

const build = (frequency: Frequency, year: number, slot: number): ReportingPeriod =>
  built.of(`${frequency}|${year}|${slot}`, () => Object.freeze(buildPeriod(frequency, year, slot)));

function buildPeriod(frequency: Frequency, year: number, slot: number): ReportingPeriod {
  const months = MONTHS[frequency];
  const start = addMonths(`${year}-04-01`, slot * months);
  const end = addDays(addMonths(start, months), -1);
  const label =
    frequency === 'quarterly'
      ? `${year}-Q${slot + 1}`
      : frequency === 'six-monthly'
        ? `${year}-H${slot + 1}`
        : frequency === 'annual'
          ? `${year}`
          : start.slice(0, 7);
  return { label, frequency, start, end };
}

/** The period of this frequency that contains the date. */
export function periodContaining(date: BusinessDate, frequency: Frequency): ReportingPeriod {
  const { year, index } = fiscal(date);
  return build(frequency, year, Math.floor(index / MONTHS[frequency]));
}

/** The period after this one: the next slot of its financial year, or the first of the next year. */
export function nextPeriod(period: ReportingPeriod): ReportingPeriod {
  const { year, index } = fiscal(period.start);
  const slot = Math.floor(index / MONTHS[period.frequency]) + 1;
  return slot * MONTHS[period.frequency] >= 12 ? build(period.frequency, year + 1, 0) : build(period.frequency, year, slot);
}

/** Labels already read: a case's chain of report deadlines is read again on each of its events. */
const parsed = new BoundedMemo<ReportingPeriod | null>(10_000);

/** Reads a period label in either spelling; null when it is neither. */
export const parsePeriod = (label: string): ReportingPeriod | null => parsed.of(label, () => readPeriod(label));

/**
 * A period label in either spelling: 2016-Q1, 2016-H1, a calendar month 2016-04 or the year
 * 2016, and the spellings 2016-M01 (the first month, April) and 2016-FY, read as 2016-04 and 2016.
 */
export const PERIOD_LABEL = /^(\d{4})(?:-(Q[1-4]|H[12]|M(?:0[1-9]|1[0-2])|0[1-9]|1[0-2]|FY))?$/;

function readPeriod(label: string): ReportingPeriod | null {
  const match = PERIOD_LABEL.exec(label.trim());
  if (!match) return null;
  const year = Number(match[1]);
  const part = match[2];
  if (part === undefined || part === 'FY') return build('annual', year, 0);
  if (part.startsWith('Q')) return build('quarterly', year, Number(part.slice(1)) - 1);
  if (part.startsWith('H')) return build('six-monthly', year, Number(part.slice(1)) - 1);
  if (part.startsWith('M')) return build('monthly', year, Number(part.slice(1)) - 1);
  return periodContaining(`${year}-${part}-01`, 'monthly');
}

/** The label a reported period is kept under: the canonical spelling, or as written if unreadable. */
export const canonicalPeriod = (label: string): string => parsePeriod(label)?.label ?? label;

const dueDays = new BoundedMemo<BusinessDate>(10_000);

export const reportDueOn = (period: ReportingPeriod, daysAfterPeriod: number): BusinessDate =>
  dueDays.of(`${period.end}|${daysAfterPeriod}`, () => addDays(period.end, daysAfterPeriod));

/** Every period of the frequency from the one containing `from` while periods start on or before `until`. */
export function periodsBetween(from: BusinessDate, until: BusinessDate, frequency: Frequency): ReportingPeriod[] {
  const periods: ReportingPeriod[] = [];
  for (let p = periodContaining(from, frequency); p.start <= until; p = nextPeriod(p)) periods.push(p);
  return periods;
}

/**
 * From when reports on a measure are expected after an agreement replaces the measures: a
 * measure kept with its frequency keeps its date; a new one, or one whose frequency
 * changed, starts with the period containing the later of the contract start and the agreement.
 */
export function reportsExpectedSince(
  kept: { readonly frequency: Frequency; readonly since: BusinessDate } | undefined,
  frequency: Frequency,
  contractStart: BusinessDate,
  agreedOn: BusinessDate,
): BusinessDate {
  if (kept && kept.frequency === frequency) return kept.since;
  return agreedOn > contractStart ? agreedOn : contractStart;
}
