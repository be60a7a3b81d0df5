import type { BenchRow } from './types';

const DASH = '–';
const mark = (ok: boolean) => (ok ? '✓' : '✗');

function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** "value (goal ✓)": the goal is printed beside the measurement, with whether it was met. */
function withGoal(value: string, goal: string | undefined, ok: boolean): string {
  return goal === undefined ? value : `${value} (${goal} ${mark(ok)})`;
}

/** The goal's wording, or undefined when this row has no such goal. */
function goal<T>(value: T | undefined, words: (value: T) => string): string | undefined {
  return value === undefined ? undefined : words(value);
}

function cells(row: BenchRow): string[] {
  const { goals } = row;
  const perRequest = row.requests === 0 ? null : row.lookups / row.requests;
  const ratio = row.floorMs ? row.timeMs / row.floorMs : null;
  const perSecond = row.requests === 0 ? 0 : (row.requests * 1000) / row.timeMs;
  const share = row.limitPerSecond && row.sustainedPerSecond ? row.sustainedPerSecond / row.limitPerSecond : null;
  return [
    row.scenario,
    String(row.lookups),
    String(row.failed),
    withGoal(
      String(row.requests),
      goal(goals.requests, (n) => `goal ${n}`),
      row.requests === goals.requests,
    ),
    perRequest === null
      ? DASH
      : withGoal(
          perRequest.toFixed(1),
          goal(goals.lookupsPerRequest, (n) => `≥ ${n}`),
          perRequest >= (goals.lookupsPerRequest ?? 0),
        ),
    withGoal(
      duration(row.timeMs),
      goal(goals.timeMs, (ms) => `< ${ms} ms`),
      row.timeMs < (goals.timeMs ?? Number.POSITIVE_INFINITY),
    ),
    row.floorMs === null ? DASH : duration(row.floorMs),
    ratio === null
      ? DASH
      : withGoal(
          ratio.toFixed(2),
          goal(goals.timeOverFloor, (n) => `≤ ${n}`),
          ratio <= (goals.timeOverFloor ?? Number.POSITIVE_INFINITY),
        ),
    perSecond === 0 ? DASH : perSecond.toFixed(1),
    share === null
      ? DASH
      : withGoal(
          `${Math.round(share * 100)}% of ${row.limitPerSecond}/s`,
          goal(goals.shareOfLimit, (n) => `≥ ${Math.round(n * 100)}%`),
          share >= (goals.shareOfLimit ?? 0),
        ),
    withGoal(
      String(row.maxPerSecond),
      goal(goals.maxPerSecond, (n) => `≤ ${n}`),
      row.maxPerSecond <= (goals.maxPerSecond ?? Number.POSITIVE_INFINITY),
    ),
    withGoal(String(row.status429), goals.zero429 ? 'goal 0' : undefined, row.status429 === 0),
  ];
}

const HEADERS = [
  'scenario',
  'lookups',
  'failed',
  'requests',
  'lookups/request',
  'time',
  'floor¹',
  'time/floor',
  'req/s²',
  'share of limit³',
  'max in 1 s⁴',
  '429s',
];

export const FOOTNOTES = [
  "¹ floor: the least time Upwork's window (10 in any 1,000 ms) allows for N requests = (⌈N / 10⌉ − 1) s: the first 10",
  '  at once, then 10 more each second.',
  '² requests sent ÷ wall time, refused ones included.',
  "³ sustained rate = requests ÷ (time of the last request − time of the first + 1 s), as a share of Upwork's 10/s:",
  '  a client that fills every 1,000 ms window with 10 requests scores 100 %.',
  '⁴ most GraphQL requests the sandbox counted in any 1,000 ms (its limit, like Upwork’s: 10 per IP; the 11th gets 429).',
];

/** Prints the rows as one aligned table with the footnotes under it. */
export function printTable(rows: BenchRow[], notes: string[] = FOOTNOTES): void {
  for (const line of markdownTable(HEADERS, rows.map(cells))) console.log(line);
  console.log('');
  for (const note of notes) console.log(note);
}

/** A table's lines, each column as wide as its widest cell. */
export function markdownTable(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (values: string[]) => `| ${values.map((value, column) => value.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(headers), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)];
}
