/** Time zones, local clocks and working-hours overlap, computed from offsets so tests can pin "now". */

import { formatter } from './format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// "5 minutes ago", "1 day ago": numbers always, never "yesterday", like the rest of Loupe's words.
const relative = formatter(() => new Intl.RelativeTimeFormat('en-US', { numeric: 'always' }));

/** Parses "UTC-05:00", "GMT+5:30", "UTC+0530", "+02:00", "UTC", "GMT" into minutes east of UTC. */
export function parseUtcOffset(text: string): number | null {
  const trimmed = text.trim();
  if (/^(utc|gmt|z)$/i.test(trimmed)) return 0;
  const match = /^(?:utc|gmt)?\s*([+-−])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(trimmed);
  if (!match) return null;
  const [, sign, hours, minutes] = match;
  const total = Number(hours) * 60 + Number(minutes ?? 0);
  if (total > 14 * 60) return null;
  return sign === '+' ? total : -total;
}

// Building an Intl.DateTimeFormat costs far more than using one: keep one per zone (null: unknown zone).
const zoneFormats = new Map<string, Intl.DateTimeFormat | null>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat | null {
  let format = zoneFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    } catch {
      format = null;
    }
    if (zoneFormats.size < 500) zoneFormats.set(timeZone, format);
  }
  return format;
}

/**
 * Offsets already worked out, by zone and UTC quarter hour: every zone changes its offset only on
 * a quarter hour, and formatToParts for each of fifty tiles took longer than the rest of their
 * client line.
 */
const offsets = new Map<string, number | null>();
const QUARTER_HOUR_MS = 15 * 60_000;

/** Minutes east of UTC for an IANA zone at `now` (follows daylight saving), or null when unknown to Intl. */
export function ianaOffsetMinutes(timeZone: string, now: Date): number | null {
  const key = `${timeZone}|${Math.floor(now.getTime() / QUARTER_HOUR_MS)}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const offset = offsetNow(timeZone, now);
  if (offsets.size >= 1_000) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

function offsetNow(timeZone: string, now: Date): number | null {
  const format = zoneFormat(timeZone);
  if (!format) return null;
  try {
    const parts = format.formatToParts(now);
    const name = parts.find((part) => part.type === 'timeZoneName')?.value;
    return name ? parseUtcOffset(name) : null;
  } catch {
    return null;
  }
}

/** Best offset for a place: the IANA zone (or offset text) first since it knows daylight saving, then a fixed offset. */
export function resolveOffsetMinutes(
  zone: string | null | undefined,
  fallbackMinutes: number | null | undefined,
  now: Date,
): number | null {
  if (zone) {
    const fromText = parseUtcOffset(zone) ?? ianaOffsetMinutes(zone, now);
    if (fromText !== null) return fromText;
  }
  return fallbackMinutes ?? null;
}

/** The user's own offset (minutes east of UTC). */
export function localOffsetMinutes(now: Date): number {
  return -now.getTimezoneOffset();
}

function pad(value: number): string {
  return value.toString().padStart(2, '0');
}

/** "2:05 PM" at a place `offsetMinutes` east of UTC. */
export function formatClock(now: Date, offsetMinutes: number): string {
  const shifted = new Date(now.getTime() + offsetMinutes * MINUTE);
  const hours24 = shifted.getUTCHours();
  const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
  return `${hours12}:${pad(shifted.getUTCMinutes())} ${hours24 < 12 ? 'AM' : 'PM'}`;
}

/** "UTC+5:30", "UTC−5", "UTC". */
export function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  const sign = offsetMinutes > 0 ? '+' : '−';
  const abs = Math.abs(offsetMinutes);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes ? `:${pad(minutes)}` : ''}`;
}

export interface Overlap {
  /** Hours both sides are inside their working hours, 0–(end-start). */
  hours: number;
  /** Where the shared hours start and end on the user's clock (hours 0–24, fractional for half-hour zones), null when none. */
  userWindow: { start: number; end: number } | null;
}

/**
 * How many hours of `start`–`end` local working time two places share. Both windows are laid on
 * a 24-hour UTC circle, so a window crossing midnight UTC still counts.
 */
export function workingHoursOverlap(userOffsetMinutes: number, otherOffsetMinutes: number, start = 9, end = 17): Overlap {
  const userStart = start - userOffsetMinutes / 60;
  const otherStart = start - otherOffsetMinutes / 60;
  const length = end - start;
  let hours = 0;
  let windowStartUtc: number | null = null;
  for (const shift of [-24, 0, 24]) {
    const from = Math.max(userStart, otherStart + shift);
    const to = Math.min(userStart + length, otherStart + shift + length);
    if (to > from) {
      hours += to - from;
      windowStartUtc ??= from;
    }
  }
  if (windowStartUtc === null) return { hours: 0, userWindow: null };
  const windowStart = windowStartUtc + userOffsetMinutes / 60;
  return { hours, userWindow: { start: windowStart, end: windowStart + hours } };
}

/** "9:00", "14:30" from fractional hours on a 24 h clock. */
export function formatHourOfDay(hours: number): string {
  const wrapped = ((hours % 24) + 24) % 24;
  const whole = Math.floor(wrapped);
  return `${whole}:${pad(Math.round((wrapped - whole) * 60))}`;
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago", "4 months ago"; null for unreadable dates. */
export function formatTimeAgo(when: string | Date, now: Date): string | null {
  const time = typeof when === 'string' ? Date.parse(when) : when.getTime();
  if (Number.isNaN(time)) return null;
  const elapsed = now.getTime() - time;
  if (elapsed < MINUTE) return 'just now';
  const steps: [number, Intl.RelativeTimeFormatUnit][] = [
    [365 * DAY, 'year'],
    [30 * DAY, 'month'],
    [7 * DAY, 'week'],
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
  ];
  const [size, unit] = steps.find(([step]) => elapsed >= step) ?? [MINUTE, 'minute'];
  return relative().format(-Math.floor(elapsed / size), unit);
}
