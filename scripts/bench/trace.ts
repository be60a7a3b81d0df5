import type { CDPSession, Page } from '@playwright/test';
import { SCRIPT_PATH } from './chromium';

/**
 * Chrome's trace of one visit (the timeline DevTools records): which events are the content
 * script's, which tasks ran them, and what that comes to as one Visit.
 */

/** What DevTools' Performance panel records (tasks, script runs, marks), without its JavaScript sampling. */
export const TIMELINE = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8', 'blink.user_timing'];
/** V8's sampling profiler in the trace: it attributes all of the script's time, but slows JavaScript by ~20-30 % here. */
export const PROFILER = 'disabled-by-default-v8.cpu_profiler';
/** Samples come every ~0.2 ms. */
const MAX_SAMPLE_US = 2_000;

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  /** Microseconds on the trace clock. */
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  /** Links a CPU profile's chunks to its 'Profile' event. */
  id?: string;
  args?: { data?: { url?: string; detail?: string; startTime?: number; cpuProfile?: CpuProfileChunk; timeDeltas?: number[] } };
}

/** A piece of V8's sampling profile as the trace carries it: new stack nodes, then samples (node ids) and their spacing. */
interface CpuProfileChunk {
  nodes?: { id: number; parent?: number; callFrame: { url?: string } }[];
  samples?: number[];
}

export interface Visit {
  /** From Chromium starting the content script (compile, then its imports) to the last tile annotated. */
  injectedToAnnotatedMs: number;
  /** From the content script's `loupe:start` mark (its imports already ran) to the last tile annotated. */
  startToAnnotatedMs: number;
  /** Where that went: start → asking the worker, the worker's answer, answer → last tile drawn. */
  startToRequestedMs: number;
  requestedToAnsweredMs: number;
  answeredToAnnotatedMs: number;
  /** The content script's own main-thread time in that window. */
  scriptMs: number;
  /** The longest task that ran content-script code in that window. */
  longestTaskMs: number;
  /** The longest of those that built an Intl formatter (`prepareFormatters`): the first loads the browser's locale data. */
  longestFormatterTaskMs: number;
  /** The longest of the others. */
  longestOtherTaskMs: number;
  /** The longest task on the page's main thread in that window, whoever ran it. */
  longestPageTaskMs: number;
  compileMs: number;
  evaluateMs: number;
  requests: number;
  /** The longest GraphQL request of the visit, as the worker saw it; null when there was none. */
  roundTripMs: number | null;
}

const ms = (microseconds: number) => microseconds / 1000;
const isScript = (event: TraceEvent) => event.args?.data?.url?.endsWith(`/${SCRIPT_PATH}`) === true;

function countOf(mark: TraceEvent): number {
  try {
    return Number((JSON.parse(mark.args?.data?.detail ?? '{}') as { count?: unknown }).count ?? 0);
  } catch {
    return 0;
  }
}

/** Total length of intervals, overlaps counted once (a FunctionCall may nest in another). */
function unionLength(spans: readonly [number, number][]): number {
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

/**
 * When the thread ran with upwork.js code on its stack, from V8's sampling profiler in the trace:
 * this catches the content script's promise continuations and observer callbacks, which run in
 * microtask checkpoints that the timeline does not name a script for. Each sample stands for the
 * time until the next one, at most MAX_SAMPLE_US (a late sample means the sampler was held up).
 */
function scriptSamples(events: readonly TraceEvent[], pid: number, tid: number): [number, number][] {
  const spans: [number, number][] = [];
  for (const profile of events.filter((event) => event.name === 'Profile' && event.pid === pid && event.tid === tid)) {
    const parents = new Map<number, number | undefined>();
    const ownScript = new Map<number, boolean>();
    const onStack = new Map<number, boolean>();
    const holdsScript = (id: number): boolean => {
      const known = onStack.get(id);
      if (known !== undefined) return known;
      const parent = parents.get(id);
      const result = ownScript.get(id) === true || (parent !== undefined && holdsScript(parent));
      onStack.set(id, result);
      return result;
    };
    let at = profile.args?.data?.startTime ?? profile.ts;
    let previous: { id: number; at: number } | undefined;
    for (const chunk of events.filter((event) => event.name === 'ProfileChunk' && event.pid === pid && event.id === profile.id)) {
      const { cpuProfile, timeDeltas = [] } = chunk.args?.data ?? {};
      for (const node of cpuProfile?.nodes ?? []) {
        parents.set(node.id, node.parent);
        ownScript.set(node.id, node.callFrame.url?.endsWith(`/${SCRIPT_PATH}`) === true);
      }
      (cpuProfile?.samples ?? []).forEach((id, index) => {
        at += timeDeltas[index] ?? 0;
        if (previous && holdsScript(previous.id)) spans.push([previous.at, Math.min(at, previous.at + MAX_SAMPLE_US)]);
        previous = { id, at };
      });
    }
  }
  return spans;
}

/** `tiles`: how many tiles the last mark must report annotated. */
export function readTrace(events: readonly TraceEvent[], tiles: number): Omit<Visit, 'requests' | 'roundTripMs'> {
  const evaluations = events.filter((event) => event.name === 'EvaluateScript' && isScript(event));
  const injected = evaluations.at(-1);
  if (!injected) throw new Error(`The trace shows no run of ${SCRIPT_PATH}: the content script did not start on the page.`);
  // The page's main thread is the one that evaluated the content script.
  const main = events.filter((event) => event.pid === injected.pid && event.tid === injected.tid && event.ts >= injected.ts);
  const mark = (name: string, accept: (event: TraceEvent) => boolean = () => true) =>
    main.find((event) => event.cat.includes('blink.user_timing') && event.name === name && accept(event));
  const start = mark('loupe:start');
  const annotated = mark('loupe:tiles-annotated', (event) => countOf(event) >= tiles);
  const requested = mark('loupe:tiles-requested');
  const answered = main.filter((event) => event.name === 'loupe:tiles-answered' && event.ts <= (annotated?.ts ?? 0)).at(-1);
  if (!start || !annotated || !requested || !answered) throw new Error('The trace lacks one of the loupe:start / tiles-* marks.');
  const until = annotated.ts;
  const inWindow = (event: TraceEvent) => event.ph === 'X' && event.ts <= until && event.dur !== undefined;

  // The timeline names the script for its first run and for callbacks Blink calls; the profiler catches the rest.
  const scriptSpans: [number, number][] = [
    ...main
      .filter((event) => inWindow(event) && (event.name === 'EvaluateScript' || event.name === 'FunctionCall') && isScript(event))
      .map((event): [number, number] => [event.ts, event.ts + (event.dur ?? 0)]),
    ...scriptSamples(events, injected.pid, injected.tid).filter(([from]) => from >= injected.ts && from <= until),
  ];
  const ownMarks = main.filter((event) => event.cat.includes('blink.user_timing') && event.name.startsWith('loupe:'));
  const tasks = events.filter(
    (event) =>
      event.name === 'RunTask' &&
      event.pid === injected.pid &&
      event.tid === injected.tid &&
      event.ph === 'X' &&
      event.ts + (event.dur ?? 0) >= injected.ts &&
      event.ts <= until,
  );
  const taskLength = (task: TraceEvent) => ms(task.dur ?? 0);
  // A task is the script's when it ran its code (named or sampled) or made one of its performance marks.
  const ranScript = (task: TraceEvent) => {
    const end = task.ts + (task.dur ?? 0);
    return scriptSpans.some(([from, to]) => from < end && to > task.ts) || ownMarks.some((mark) => mark.ts >= task.ts && mark.ts <= end);
  };
  const builtFormatter = (task: TraceEvent) =>
    ownMarks.some((mark) => mark.name === 'loupe:formatter-built' && mark.ts >= task.ts && mark.ts <= task.ts + (task.dur ?? 0));
  const scriptTasks = tasks.filter(ranScript);
  const compile = main.find((event) => event.name === 'v8.compile' && isScript(event));
  return {
    injectedToAnnotatedMs: ms(until - injected.ts),
    startToAnnotatedMs: ms(until - start.ts),
    startToRequestedMs: ms(requested.ts - start.ts),
    requestedToAnsweredMs: ms(answered.ts - requested.ts),
    answeredToAnnotatedMs: ms(until - answered.ts),
    scriptMs: ms(unionLength(scriptSpans)),
    longestTaskMs: Math.max(0, ...scriptTasks.map(taskLength)),
    longestFormatterTaskMs: Math.max(0, ...scriptTasks.filter(builtFormatter).map(taskLength)),
    longestOtherTaskMs: Math.max(0, ...scriptTasks.filter((task) => !builtFormatter(task)).map(taskLength)),
    longestPageTaskMs: Math.max(0, ...tasks.map(taskLength)),
    compileMs: ms(compile?.dur ?? 0),
    evaluateMs: ms(injected.dur ?? 0),
  };
}

/**
 * Traces `visit`. The trace is kept by Chromium and read only after the visit (ReturnAsStream): the
 * bench's Node process also runs the sandbox, and parsing trace events while the page waits for an
 * answer would slow the sandbox's answers down.
 */
export async function traced(page: Page, cdp: CDPSession, categories: string[], visit: () => Promise<void>): Promise<TraceEvent[]> {
  await cdp.send('Tracing.start', { categories: categories.join(','), transferMode: 'ReturnAsStream' });
  let stream: string | undefined;
  try {
    await visit();
  } finally {
    const complete = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    stream = (await complete).stream;
  }
  if (page.isClosed()) throw new Error('The page closed while it was traced.');
  if (!stream) throw new Error('Chromium returned no trace.');
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(text) as TraceEvent[] | { traceEvents: TraceEvent[] };
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/**
 * What the browser spends on one frame that changes the page's layout a little, at the page's
 * size now: a word added to the last tile (the kind of change a panel's update is), traced. Style,
 * layout, pre-paint and paint on the thread that laid the page out.
 */
export async function smallChangeCost(page: Page, tileSelector: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const events = await traced(page, cdp, ['devtools.timeline'], async () => {
      await page.evaluate(`new Promise((resolve) => {
        const tiles = document.querySelectorAll(${JSON.stringify(tileSelector)});
        const word = document.createElement('span');
        word.textContent = ' word';
        tiles[tiles.length - 1].append(word);
        requestAnimationFrame(() => setTimeout(resolve, 50));
      })`);
    });
    const layout = events.find((event) => event.name === 'Layout');
    if (!layout) throw new Error('The small change caused no layout: nothing to measure.');
    const work = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint']);
    const spent = events.filter(
      (event) => event.pid === layout.pid && event.tid === layout.tid && event.ph === 'X' && work.has(event.name),
    );
    return ms(spent.reduce((sum, event) => sum + (event.dur ?? 0), 0));
  } finally {
    await cdp.detach();
  }
}

/**
 * Resolves when the number in the page's <html> attribute `data-<name>` reaches `atLeast`. One
 * small evaluation in the page through CDP, woken by a MutationObserver on <html>'s attributes:
 * Playwright's waitForFunction would inject its own script into the page in the middle of the
 * visit (its compile and run would be counted as the visit's), and a check that polls the page's
 * tiles costs the page more the longer it grows.
 */
export async function countReached(cdp: CDPSession, name: string, atLeast: number, timeoutMs: number): Promise<void> {
  const expression = `new Promise((resolve, reject) => {
    const root = document.documentElement;
    const done = () => Number(root.dataset[${JSON.stringify(name)}] ?? 0) >= ${atLeast};
    if (done()) return resolve(true);
    const observer = new MutationObserver(() => { if (done()) { observer.disconnect(); resolve(true); } });
    observer.observe(root, { attributes: true });
    setTimeout(() => { observer.disconnect(); reject(new Error('timed out')); }, ${timeoutMs});
  })`;
  const result = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
  if (result.exceptionDetails) throw new Error(`The page's data-${name} never reached ${atLeast} within ${timeoutMs} ms.`);
}
