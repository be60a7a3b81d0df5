import { createRng } from './data/prng';
import type { Dataset } from './data/schema';
import type { Faults } from './faults';
import { RateLimiter } from './limits';
import { OAuthStore } from './oauth/store';

export interface RequestLogEntry {
  at: number;
  ip: string;
  host: string;
  path: string;
  clientId: string | null;
  userId: string | null;
  tenantId: string | null;
  operationName: string | null;
  aliasCount: number;
  status: number;
  durationMs: number;
}

/** The log keeps the newest entries only, so a long demo cannot grow memory without bound. */
export const MAX_LOG_ENTRIES = 100_000;

export interface SandboxSettings {
  autoApprove: boolean;
  tokenTimeScale: number;
  ratePerSecond: number;
  dailyLimit: number;
  quiet: boolean;
  /** The API's search differs from the page's (the default), as Upwork's does; false makes them one. */
  searchDivergence: boolean;
}

/** Mutable state shared by the handlers of one running sandbox. */
export interface SandboxState {
  dataset: Dataset;
  seed: number;
  startedAt: number;
  /** How far a test moved the sandbox's clock ahead of the real one (ms). */
  clockOffsetMs: number;
  settings: SandboxSettings;
  faults: Faults;
  requestLog: RequestLogEntry[];
  /** Seeded draws for the random-share faults, so runs repeat. */
  faultRandom: () => number;
  oauth: OAuthStore;
  limiter: RateLimiter;
}

export function createState(dataset: Dataset, settings: SandboxSettings, faults: Faults, seed: number): SandboxState {
  const state: SandboxState = {
    dataset,
    seed,
    startedAt: Date.now(),
    clockOffsetMs: 0,
    settings,
    faults,
    requestLog: [],
    faultRandom: createRng(seed ^ 0x5eed).next,
    oauth: new OAuthStore(() => state.settings.tokenTimeScale),
    limiter: new RateLimiter(() => state.settings),
  };
  return state;
}

export function logRequest(state: SandboxState, entry: RequestLogEntry): void {
  state.requestLog.push(entry);
  if (state.requestLog.length > MAX_LOG_ENTRIES) state.requestLog.splice(0, state.requestLog.length - MAX_LOG_ENTRIES);
}

/** The sandbox's clock: the real one, moved ahead by tests (POST /__sandbox/clock). */
export function sandboxNow(state: SandboxState): number {
  return Date.now() + state.clockOffsetMs;
}
