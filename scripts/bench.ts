// `npm run bench`: Loupe's API core against the local sandbox (Upwork's rate limit on), in Node with
// the worker's REAL throttle queue, GraphQL client, cache (IndexedDB from fake-indexeddb) and ApiService.
import 'fake-indexeddb/auto';
import { annotateScenario } from './bench/annotate';
import { apiScenarios, LOOKUPS } from './bench/api-scenarios';
import { createBenchContext } from './bench/context';
import { longSessionScenario } from './bench/long-session';
import { FOOTNOTES, printTable } from './bench/table';
import { tileStatsScenario } from './bench/tile-stats';
import type { BenchRow, BenchScenario } from './bench/types';
import { watchlistScenario } from './bench/watchlist';
import { workerScenario } from './bench/worker';

/**
 * Every scenario, run in this order. To add one (e.g. "annotate 50 tiles" in Chromium, cold then
 * warm), write a BenchScenario in scripts/bench/ and append it here; it gets the running sandbox and
 * a signed-in token source, and returns its table rows.
 */
const scenarios: BenchScenario[] = [
  ...apiScenarios,
  watchlistScenario,
  annotateScenario,
  workerScenario,
  tileStatsScenario,
  longSessionScenario,
];

/** `npm run bench -- tile` runs only the scenarios whose name holds one of the words given. */
const only = process.argv.slice(2).map((word) => word.toLowerCase());
const chosen =
  only.length === 0 ? scenarios : scenarios.filter((scenario) => only.some((word) => scenario.name.toLowerCase().includes(word)));

/** The bench must stop by itself, even if a scenario hangs. */
const TIME_LIMIT_MS = 600_000;

async function main(): Promise<void> {
  const watchdog = setTimeout(() => {
    console.error(`The bench took longer than ${TIME_LIMIT_MS / 1000} s and was stopped.`);
    process.exit(2);
  }, TIME_LIMIT_MS);
  watchdog.unref();

  const context = await createBenchContext(LOOKUPS);
  const rows: BenchRow[] = [];
  try {
    for (const scenario of chosen) {
      process.stderr.write(`running ${scenario.name}…\n`);
      rows.push(...(await scenario.run(context)));
    }
  } finally {
    for (const cleanUp of context.atEnd) cleanUp();
    await context.sandbox.close();
  }
  console.log('');
  if (rows.length > 0) printTable(rows, FOOTNOTES);
  for (const note of chosen.flatMap((scenario) => scenario.notes ?? [])) console.log(note);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error('The bench failed:', error);
    process.exit(1);
  },
);
