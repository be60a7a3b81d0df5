import { browser } from 'wxt/browser';
import { errorCodeFor } from '../../messaging/errors';
import type { LandmarkHealth } from '../../messaging/messages/page';
import type { Handlers } from '../../messaging/router';

import type { TokenSource } from '../../upwork/api/token-source';
import type { ApiService } from '../api-service';
import { dossierClientJobs, dossierFacts, recordDossierJobs } from '../dossier';
import { recordOpenedJob } from '../recent-jobs';
import { getWorkerApiService } from '../requests';

/** What a storage area needs to offer the health store (storage.session in the worker). */
export interface HealthStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface HealthStore {
  report(tabId: number, report: LandmarkHealth): Promise<void>;
  all(): Promise<LandmarkHealth[]>;
}

const HEALTH_KEY = 'loupe.pageHealth';
const MAX_REPORTS = 50;

/**
 * The latest landmark report per tab, for the popup's health line. Kept in memory and mirrored to
 * storage.session, so a restarted worker still knows (and nothing outlives the browser session).
 */
export function createHealthStore(storage: HealthStorage = browser.storage.session): HealthStore {
  let byTab: Map<number, LandmarkHealth> | undefined;

  async function load(): Promise<Map<number, LandmarkHealth>> {
    if (byTab) return byTab;
    const loaded = new Map<number, LandmarkHealth>();
    try {
      const stored = (await storage.get(HEALTH_KEY))[HEALTH_KEY];
      if (Array.isArray(stored)) for (const [tabId, report] of stored as [number, LandmarkHealth][]) loaded.set(tabId, report);
    } catch {
      // Only the popup's health line depends on this: start empty.
    }
    byTab ??= loaded;
    return byTab;
  }

  return {
    async report(tabId, report) {
      const reports = await load();
      reports.delete(tabId); // re-insert: newest last
      reports.set(tabId, report);
      for (const oldest of reports.keys()) {
        if (reports.size <= MAX_REPORTS) break;
        reports.delete(oldest);
      }
      await storage.set({ [HEALTH_KEY]: [...reports] }).catch(() => undefined);
    },
    async all() {
      return [...(await load()).values()].sort((a, b) => b.at - a.at);
    },
  };
}

export interface PageHandlerDeps {
  service: () => ApiService;
  health: HealthStore;
  now?: () => number;
}

export function createPageHandlers({ service, health, now = Date.now }: PageHandlerDeps): Handlers {
  return {
    'jobs.forTiles': async ({ ids, query, titles }, context) => {
      const result = await service().jobsForTiles({ ids, query, titles }, { priority: 'now', signal: context.signal });
      // The client dossier remembers what the page showed; its failure never costs the tiles their answer.
      recordDossierJobs(result.jobs).catch(() => undefined);
      const errors = Object.entries(result.errors).map(([id, error]) => [id, { code: errorCodeFor(error), message: error.message }]);
      return {
        jobs: result.jobs,
        missing: result.missing,
        partial: result.partial,
        notFound: result.notFound,
        ...(errors.length > 0 ? { errors: Object.fromEntries(errors) } : {}),
        ...(result.limited ? { limited: result.limited } : {}),
      };
    },
    'jobs.detail': async ({ id }, context) => {
      // Only job pages and the slider ask for one job's detail: the user opened it.
      recordOpenedJob(id).catch(() => undefined);
      return { job: await service().jobDetail(id, { signal: context.signal }) };
    },
    'dossier.forJobs': async ({ ids }) => ({ facts: await dossierFacts(ids, now()) }),
    'dossier.clientJobs': async ({ id }) => ({ jobs: await dossierClientJobs(id) }),
    'freelancer.byKey': async ({ profileKey }, context) => ({
      freelancer: await service().freelancer(profileKey, { signal: context.signal }),
    }),
    'page.reportHealth': async (request, context) => {
      await health.report(context.tabId ?? -1, { ...request, at: now() });
      return { ok: true as const };
    },
    'page.health': async () => ({ reports: (await health.all()).slice(0, MAX_REPORTS) }),
  };
}

/** The worker's page handlers over its real ApiService (built on the first message that needs it). */
export function pageHandlers(tokens: TokenSource): Handlers {
  return createPageHandlers({ service: () => getWorkerApiService(tokens), health: createHealthStore() });
}
