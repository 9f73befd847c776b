import { type BusinessDate, BUSINESS_TIME_ZONE, businessDateOf } from '@app/domain';

/** The UTC offset of Europe/London on a date, as "+01:00" or "+00:00". */
export function londonOffset(date: BusinessDate): string {
  const noon = new Date(`${date}T12:00:00Z`);
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: BUSINESS_TIME_ZONE, timeZoneName: 'shortOffset' })
    .formatToParts(noon)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name ?? '');
  if (!match) return '+00:00';
  return `${match[1]}${match[2].padStart(2, '0')}:${match[3] ?? '00'}`;
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
