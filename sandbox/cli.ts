import { parseArgs } from 'node:util';
import { startSandbox } from './server';

const HELP = `Loupe's local marketplace sandbox (pages, OAuth and GraphQL on https://127.0.0.1:PORT)

  npm run sandbox -- [options]

  --port N          port to listen on (default 8443; 0 picks a free one)
  --seed N          seed of the generated data (default 1)
  --data FILE       load the data from a JSON file (see sandbox/DATA-FORMAT.md)
  --auto-approve    OAuth authorize returns at once, without the consent page
  --token-scale X   multiply token lifetimes (e.g. 0.001: access tokens live 86 s)
  --rate N          requests per second per IP before HTTP 429 (default 10)
  --daily N         requests per day per API key (default 40000)
  --latency MS      delay added to every API answer
  --same-search     the API's search returns exactly the page's list (by default it differs, as Upwork's does)
  --quiet           no request lines on the console
  --help            this text`;

function numberFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a non-negative number, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      data: { type: 'string' },
      'auto-approve': { type: 'boolean' },
      'token-scale': { type: 'string' },
      rate: { type: 'string' },
      daily: { type: 'string' },
      latency: { type: 'string' },
      quiet: { type: 'boolean' },
      'same-search': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const latency = numberFlag(values.latency, 'latency');
  const sandbox = await startSandbox({
    port: numberFlag(values.port, 'port') ?? 8443,
    seed: numberFlag(values.seed, 'seed') ?? 1,
    dataFile: values.data,
    autoApprove: values['auto-approve'] ?? false,
    tokenTimeScale: numberFlag(values['token-scale'], 'token-scale'),
    ratePerSecond: numberFlag(values.rate, 'rate'),
    dailyLimit: numberFlag(values.daily, 'daily'),
    faults: latency === undefined ? undefined : { latencyMs: latency },
    quiet: values.quiet ?? false,
    searchDivergence: !(values['same-search'] ?? false),
  });
  const p = sandbox.port;
  console.log(`Sandbox running on ${sandbox.origin} (${sandbox.dataset.jobs.length} jobs, ${sandbox.dataset.freelancers.length} freelancers)

Start Chromium with:
  ${sandbox.chromiumArgs.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' ')}
then open:
  https://www.upwork.com/                     start page
  https://www.upwork.com/nx/search/jobs/?q=react
  https://www.upwork.com/nx/find-work/best-matches
  https://api.upwork.com/graphql              GraphQL (POST, Bearer token)
  https://www.upwork.com/ab/account-security/oauth2/authorize   OAuth (client_id loupe-demo)
Without the flags: ${sandbox.origin}/ (pages), curl -k -H 'Host: api.upwork.com' ${sandbox.origin}/graphql
Admin: ${sandbox.origin}/__sandbox/health, /__sandbox/log, /__sandbox/faults (see sandbox/README.md)
Port ${p}. Ctrl+C stops.`);
  const stop = () => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
