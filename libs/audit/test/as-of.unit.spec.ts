import { asOfFilter, londonMidnight, parseAsOf, parseInstant } from '@app/audit';
import type { StoredEvent } from '@app/event-store';

const event = (streamId: string, revision: number, occurredAt: string, recordedAt = occurredAt) =>
  ({ streamId, revision, globalPosition: revision + 1, metadata: { occurredAt, recordedAt } }) as unknown as StoredEvent;

describe('as of: which instant, on which clock', () => {
  it.each([
    ['2016-03-01', '2016-03-01T23:59:59.999Z'],
    ['2016-02-29', '2016-02-29T23:59:59.999Z'],
    ['2016-07-11', '2016-07-11T22:59:59.999Z'],
    ['2016-03-26', '2016-03-26T23:59:59.999Z'],
    ['2016-03-27', '2016-03-27T22:59:59.999Z'],
    ['2016-10-30', '2016-10-30T23:59:59.999Z'],
  ])('a plain date %s means the end of that day in Europe/London (%s)', (date, instant) => {
    expect(parseAsOf(date).at.toISOString()).toBe(instant);
  });

  it('takes a date-time with Z or an offset as it is; a date as the start of its day for `from`', () => {
    expect(parseAsOf('2016-03-01T12:00:00Z').at.toISOString()).toBe('2016-03-01T12:00:00.000Z');
    expect(parseInstant('2016-07-01T09:00:00+01:00', 'from', 'start').toISOString()).toBe('2016-07-01T08:00:00.000Z');
    expect(parseInstant('2016-07-01', 'from', 'start').toISOString()).toBe('2016-06-30T23:00:00.000Z');
    expect(new Date(londonMidnight('2016-03-27')).toISOString()).toBe('2016-03-27T00:00:00.000Z');
    expect(new Date(londonMidnight('2016-03-28')).toISOString()).toBe('2016-03-27T23:00:00.000Z');
  });

  it.each(['2016-02-30', '2016-03-01T12:00:00', 'yesterday', ''])('refuses %j naming asOf', (value) => {
    expect(() => parseAsOf(value)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'asOf' }));
  });

  it('reads recordedAt by default, occurredAt on the occurred basis, and refuses any other basis', () => {
    expect(parseAsOf('2016-03-01').basis).toBe('recorded');
    expect(parseAsOf('2016-03-01', 'occurred').basis).toBe('occurred');
    expect(() => parseAsOf('2016-03-01', 'business')).toThrow(expect.objectContaining({ field: 'basis' }));
  });

  it('on the occurred basis, takes every event that had occurred by the instant, a back-dated record behind a later one too', () => {
    const keep = asOfFilter(parseAsOf('2016-02-01T00:00:00Z', 'occurred'));
    const log = [
      event('a', 0, '2016-01-01T00:00:00Z'),
      event('b', 0, '2016-01-05T00:00:00Z'),
      event('a', 1, '2016-03-01T00:00:00Z'),
      event('a', 2, '2016-01-20T00:00:00Z'),
      event('b', 1, '2016-01-31T23:59:59Z'),
    ];
    expect(log.filter(keep).map((e) => `${e.streamId}${e.revision}`)).toEqual(['a0', 'b0', 'a2', 'b1']);
  });

  it('on the occurred basis, folds nothing of a stream whose opening occurred after the instant', () => {
    const keep = asOfFilter(parseAsOf('2016-02-01T00:00:00Z', 'occurred'));
    const log = [event('c', 0, '2016-03-01T00:00:00Z'), event('c', 1, '2016-01-15T00:00:00Z'), event('d', 0, '2016-01-01T00:00:00Z')];
    expect(log.filter(keep).map((e) => `${e.streamId}${e.revision}`)).toEqual(['d0']);
  });

  it('on the recorded basis, takes each stream up to its first record after the instant', () => {
    const keep = asOfFilter(parseAsOf('2016-02-01T00:00:00Z'));
    const log = [event('a', 0, '2016-01-01T00:00:00Z'), event('a', 1, '2016-03-01T00:00:00Z'), event('b', 0, '2016-01-31T00:00:00Z')];
    expect(log.filter(keep).map((e) => `${e.streamId}${e.revision}`)).toEqual(['a0', 'b0']);
  });
});
