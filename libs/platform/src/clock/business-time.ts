import { type BusinessDate, BUSINESS_TIME_ZONE, businessDateOf } from '@app/domain';

// Building an Intl formatter costs far more than using one: the scheduler asks for thousands of offsets.
const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: BUSINESS_TIME_ZONE, timeZoneName: 'shortOffset' });
const offsets = new Map<BusinessDate, string>();

/** The UTC offset of Europe/London on a date, as "+01:00" or "+00:00". */
export function londonOffset(date: BusinessDate): string {
  const known = offsets.get(date);
  if (known) return known;
  const name = offsetFormat.formatToParts(new Date(`${date}T12:00:00Z`)).find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name ?? '');
  const offset = match ? `${match[1]}${match[2].padStart(2, '0')}:${match[3] ?? '00'}` : '+00:00';
  offsets.set(date, offset);
  return offset;
}

/**
 * When a command dated `on` happened, as an instant with its London offset: now, if `on`
 * is today in London; otherwise the start of that business day (back-dated records,
 * simulated time).
 */
export function occurredAtFor(on: BusinessDate, now: Date): string {
  if (businessDateOf(now) === on) return now.toISOString();
  return `${on}T00:00:00${londonOffset(on)}`;
}
