import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatHourOfDay,
  formatOffset,
  formatTimeAgo,
  ianaOffsetMinutes,
  parseUtcOffset,
  resolveOffsetMinutes,
  workingHoursOverlap,
} from '../../../lib/helpers/time';

const JANUARY = new Date('2026-01-15T12:00:00Z');
const JULY = new Date('2026-07-15T12:00:00Z');

describe('offsets', () => {
  it.each([
    ['UTC-05:00', -300],
    ['UTC+05:30', 330],
    ['GMT+5', 300],
    ['UTC+0545', 345],
    ['+02:00', 120],
    ['UTC', 0],
    ['GMT', 0],
    ['UTC−03:30', -210],
    ['America/New_York', null],
    ['UTC+25:00', null],
  ])('parseUtcOffset(%s) = %j', (text, minutes) => {
    expect(parseUtcOffset(text)).toBe(minutes);
  });

  it('IANA zones follow daylight saving', () => {
    expect(ianaOffsetMinutes('America/New_York', JANUARY)).toBe(-300);
    expect(ianaOffsetMinutes('America/New_York', JULY)).toBe(-240);
    expect(ianaOffsetMinutes('Asia/Kathmandu', JULY)).toBe(345);
    expect(ianaOffsetMinutes('Not/AZone', JULY)).toBeNull();
    // Remembered offsets still change on the minute daylight saving starts (07:00 UTC that day).
    expect(ianaOffsetMinutes('America/New_York', new Date('2026-03-08T06:59:00Z'))).toBe(-300);
    expect(ianaOffsetMinutes('America/New_York', new Date('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(ianaOffsetMinutes('America/New_York', new Date('2026-03-08T06:59:00Z'))).toBe(-300);
  });

  it('resolveOffsetMinutes prefers the zone, then the fixed offset', () => {
    expect(resolveOffsetMinutes('Europe/Berlin', -300, JULY)).toBe(120);
    expect(resolveOffsetMinutes('UTC+09:00', null, JULY)).toBe(540);
    expect(resolveOffsetMinutes('Mars/Olympus', -180, JULY)).toBe(-180);
    expect(resolveOffsetMinutes(null, null, JULY)).toBeNull();
  });

  it.each([
    [0, 'UTC'],
    [330, 'UTC+5:30'],
    [-300, 'UTC−5'],
  ])('formatOffset(%d) = %s', (minutes, text) => {
    expect(formatOffset(minutes)).toBe(text);
  });
});

describe('local clock', () => {
  it.each([
    [0, '12:00 PM'],
    [-300, '7:00 AM'],
    [330, '5:30 PM'],
    [720, '12:00 AM'],
    [-720, '12:00 AM'],
    [-690, '12:30 AM'],
  ])('12:00 UTC at offset %d is %s', (offset, text) => {
    expect(formatClock(JANUARY, offset)).toBe(text);
  });
});

describe('working hours overlap (9–17 on each side)', () => {
  it.each([
    ['same zone', 60, 60, 8, 9, 17],
    ['Berlin user, New York client', 60, -300, 2, 15, 17],
    ['New York user, Berlin client', -300, 60, 2, 9, 11],
    ['India user, UK client', 330, 0, 2.5, 14.5, 17],
    ['Kyiv user, Tokyo client', 120, 540, 1, 9, 10],
    ['Los Angeles user, Sydney client (next day there)', -480, 600, 2, 15, 17],
    ['New York user, India client', -300, 330, 0, null, null],
    ['across midnight UTC: Honolulu user, Auckland client', -600, 780, 7, 10, 17],
    ['across midnight UTC: Sydney user, Honolulu client', 600, -600, 4, 9, 13],
  ])('%s', (_name, user, other, hours, start, end) => {
    const overlap = workingHoursOverlap(user, other);
    expect(overlap.hours).toBeCloseTo(hours);
    if (start === null) expect(overlap.userWindow).toBeNull();
    else {
      expect(overlap.userWindow?.start).toBeCloseTo(start);
      expect(overlap.userWindow?.end).toBeCloseTo(end ?? 0);
    }
  });

  it('is symmetric in hours', () => {
    for (const [a, b] of [
      [0, 330],
      [-480, 60],
      [600, -600],
      [345, -210],
    ] as const) {
      expect(workingHoursOverlap(a, b).hours).toBeCloseTo(workingHoursOverlap(b, a).hours);
    }
  });

  it.each([
    [9, '9:00'],
    [14.5, '14:30'],
    [24.25, '0:15'],
    [-1, '23:00'],
  ])('formatHourOfDay(%d) = %s', (hours, text) => {
    expect(formatHourOfDay(hours)).toBe(text);
  });
});

describe('time ago', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it.each([
    ['2026-03-10T11:59:30Z', 'just now'],
    ['2026-03-10T11:55:00Z', '5 minutes ago'],
    ['2026-03-10T11:00:00Z', '1 hour ago'],
    ['2026-03-08T12:00:00Z', '2 days ago'],
    ['2026-02-20T12:00:00Z', '2 weeks ago'],
    ['2025-11-01T12:00:00Z', '4 months ago'],
    ['2024-01-01T00:00:00Z', '2 years ago'],
    ['2026-03-11T12:00:00Z', 'just now'],
    ['yesterday-ish', null],
  ])('%s -> %j', (when, text) => {
    expect(formatTimeAgo(when, now)).toBe(text);
  });
});
