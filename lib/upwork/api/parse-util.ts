import type { z } from 'zod';
import { ApiError } from './errors';

function pathText(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text || 'its top level';
}

/** Turns zod's first complaint into words: "was missing client.totalHires" / "had an unexpected value for …". */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = pathText(issue.path);
  if (issue.code === 'invalid_type' && issue.input === undefined) return `was missing ${where}`;
  if (issue.code === 'invalid_type')
    return `had ${where} as ${issue.input === null ? 'empty' : typeof issue.input} where ${issue.expected} was expected`;
  return `had an unexpected value for ${where}`;
}

/**
 * Parses one raw API object, or throws ApiError('invalid-data') naming the subject and the field:
 * "Upwork's answer for job 123 was missing client.totalHires".
 */
export function parseRaw<S extends z.ZodType>(schema: S, data: unknown, subject: string): z.output<S> {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const detail = issue ? describeIssue(issue) : 'was not in the expected shape';
  return invalidData(`Upwork's answer for ${subject} ${detail}.`);
}

export function invalidData(message: string): never {
  throw new ApiError('invalid-data', message);
}

const MAX_OFFSET_MINUTES = 14 * 60;

function withinRange(minutes: number): number | null {
  if (!Number.isInteger(minutes) || Math.abs(minutes) > MAX_OFFSET_MINUTES) return null;
  return minutes === 0 ? 0 : minutes; // no -0
}

/**
 * Reads Upwork's `offsetToUTC` in the forms seen in the wild: "UTC+05:30", "+05:30", "-0800",
 * "UTC+2", "GMT-3", "5.5", or seconds as a number string ("19800", "-18000").
 * Returns minutes east of UTC, or null when it cannot be read.
 */
export function parseUtcOffset(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isFinite(raw) ? secondsOrHours(raw) : null;
  const text = raw
    .trim()
    .replace(/^(utc|gmt)\s*/i, '')
    .replace(/\u2212/g, '-');
  // Bare "UTC"/"GMT" is the zero offset.
  if (text === '') return raw.trim() === '' ? null : 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[+-]\s*/, '');
  const clock = /^(\d{1,2}):(\d{2})$/.exec(body);
  if (clock) return minutesFrom(sign, Number(clock[1]), Number(clock[2]));
  if (/^\d{4}$/.test(body)) {
    // "0800"/"0530" is hhmm; a 4-digit count of seconds ("3600", "1800") has no valid hhmm reading.
    const hours = Number(body.slice(0, 2));
    const minutes = Number(body.slice(2));
    if (hours <= 14 && minutes < 60) return minutesFrom(sign, hours, minutes);
  }
  if (/^\d+(\.\d+)?$/.test(body)) return secondsOrHours(sign * Number(body));
  return null;
}

function minutesFrom(sign: number, hours: number, minutes: number): number | null {
  if (minutes >= 60) return null;
  return withinRange(sign * (hours * 60 + minutes));
}

/** Small numbers are hours ("+2", "5.5"); large whole numbers are seconds ("19800"). */
function secondsOrHours(value: number): number | null {
  if (Math.abs(value) <= 14) return withinRange(Math.round(value * 60));
  if (Number.isInteger(value) && value % 60 === 0) return withinRange(value / 60);
  return null;
}
