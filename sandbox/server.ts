import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin';
import { makeCertificate } from './cert';
import { addJobs } from './data/add-jobs';
import { generateDataset } from './data/generate';
import { changeJob, type JobChange } from './data/job-events';
import { loadDatasetFile, parseDataset } from './data/load';
import type { Dataset, JobRecord } from './data/schema';
import { type Faults, mergeFaults, NO_FAULTS } from './faults';
import { handleGraphql } from './graphql/handler';
import { handleAuthorize } from './oauth/authorize';
import { handleToken } from './oauth/token';
import { route } from './routes';
import { createState, type RequestLogEntry, sandboxNow } from './state';

export type { Dataset, JobRecord } from './data/schema';
export type { Faults } from './faults';
export type { RequestLogEntry } from './state';

export interface SandboxOptions {
  /** 0 = ephemeral (tests); the CLI defaults to 8443. */
  port?: number;
  /** Seed for the generated dataset and the random-share faults; default 1. */
  seed?: number;
  dataset?: Dataset;
  /** JSON file of the Dataset shape, validated on load; a bad file throws an Error naming the field path. */
  dataFile?: string;
  /** OAuth authorize redirects straight back with a code (no consent page). */
  autoApprove?: boolean;
  /** Multiplies Upwork's lifetimes: access 86400 s, refresh 14 days, auth code 10 min. */
  tokenTimeScale?: number;
  /** Default 10, per client IP, sliding 1-second window; over it, HTTP 429. */
  ratePerSecond?: number;
  /** Default 40000 per API key (client_id); over it, 429. */
  dailyLimit?: number;
  faults?: Partial<Faults>;
  quiet?: boolean;
  /**
   * Default true: the API's search is not the page's, as on Upwork (a broad search surfaces about
   * a third of the page's jobs; a search for most of a title's words finds that job). false makes
   * the page show exactly the API's search, for comparison.
   */
  searchDivergence?: boolean;
}

export interface Sandbox {
  port: number;
  /** https://127.0.0.1:PORT */
  origin: string;
  /** Chromium flags that send *.upwork.com here. */
  chromiumArgs: string[];
  dataset: Dataset;
  /** Every request to api.upwork.com/graphql and to the token endpoint. */
  requestLog: RequestLogEntry[];
  /** When the sandbox started: published times are relative to it. */
  startedAt: number;
  /** The faults now in force (a copy). */
  faults(): Faults;
  setFaults(patch: Partial<Faults>): void;
  resetFaults(): void;
  /** New jobs, returned newest first (RECENCY order). */
  addJobs(count: number, template?: Partial<JobRecord>): JobRecord[];
  /** A posted job's later life (client active, invites, interviews, hires, closing); false when no such job. */
  changeJob(change: JobChange): boolean;
  /** Moves the sandbox's clock forward (activity times follow it). */
  advanceClock(minutes: number): void;
  /** Every refresh token now fails with invalid_grant. */
  revokeRefreshTokens(): void;
  /** Every current access token now gets 401. */
  expireAccessTokens(): void;
  /** Switches the consent page off (approve at once) or on, as the autoApprove option does at start. */
  setAutoApprove(on: boolean): void;
  clearLog(): void;
  /** Switches the API/page search divergence (see SandboxOptions.searchDivergence). */
  setSearchDivergence(on: boolean): void;
  close(): Promise<void>;
}

export function chromiumArgsFor(port: number): string[] {
  return [`--host-resolver-rules=MAP *.upwork.com 127.0.0.1:${port}`, '--ignore-certificate-errors'];
}

function pickDataset(options: SandboxOptions): Dataset {
  if (options.dataset) return parseDataset(structuredClone(options.dataset));
  if (options.dataFile) return loadDatasetFile(options.dataFile);
  return generateDataset(options.seed ?? 1);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1;
  const baseFaults = mergeFaults(NO_FAULTS, options.faults);
  const state = createState(
    pickDataset(options),
    {
      autoApprove: options.autoApprove ?? false,
      tokenTimeScale: options.tokenTimeScale ?? 1,
      ratePerSecond: options.ratePerSecond ?? 10,
      dailyLimit: options.dailyLimit ?? 40_000,
      quiet: options.quiet ?? false,
      searchDivergence: options.searchDivergence ?? true,
    },
    baseFaults,
    seed,
  );
  const { key, cert } = await makeCertificate();
  const handlers = { graphql: handleGraphql, token: handleToken, authorize: handleAuthorize, admin: handleAdmin };
  const server = createServer({ key, cert }, (req, res) => {
    void route(state, handlers, req, res);
  });
  // Keep-alive sockets would hold close() open; tests start and stop many sandboxes.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const sandbox: Sandbox = {
    port,
    origin: `https://127.0.0.1:${port}`,
    chromiumArgs: chromiumArgsFor(port),
    dataset: state.dataset,
    requestLog: state.requestLog,
    startedAt: state.startedAt,
    faults: () => structuredClone(state.faults),
    setFaults: (patch) => {
      state.faults = mergeFaults(state.faults, patch);
    },
    resetFaults: () => {
      state.faults = mergeFaults(NO_FAULTS, {});
    },
    addJobs: (count, template) => addJobs(state.dataset, state.startedAt, count, template, seed),
    changeJob: (change) => changeJob(state.dataset, state.startedAt, sandboxNow(state), change),
    advanceClock: (minutes) => {
      state.clockOffsetMs += minutes * 60_000;
    },
    revokeRefreshTokens: () => state.oauth.revokeRefreshTokens(),
    expireAccessTokens: () => state.oauth.expireAccessTokens(),
    setAutoApprove: (on) => {
      state.settings.autoApprove = on;
    },
    clearLog: () => {
      state.requestLog.length = 0;
    },
    setSearchDivergence: (on) => {
      state.settings.searchDivergence = on;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return sandbox;
}
