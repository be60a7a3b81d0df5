import { z } from 'zod';
import { addJobs } from './data/add-jobs';
import { changeJob, jobChangeSchema } from './data/job-events';
import { jobSchema } from './data/schema';
import { faultsPatchSchema, mergeFaults, NO_FAULTS } from './faults';
import { HttpError, type Req, type Res, readJson, sendJson } from './http';
import { type SandboxState, sandboxNow } from './state';

const searchSchema = z.strictObject({ divergence: z.boolean() });
const clockSchema = z.strictObject({
  advanceMinutes: z
    .number()
    .min(0)
    .max(60 * 24 * 365),
});
const addJobsSchema = z.strictObject({ count: z.number().int().min(1).max(1000), template: jobSchema.partial().optional() });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new HttpError(400, `Bad request: ${issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'invalid body'}`);
  }
  return result.data;
}

/**
 * /__sandbox/… on every host, for tests and the demo:
 * GET health, GET|DELETE log, POST|DELETE faults, POST jobs {count, template?}, GET|POST search {divergence},
 * POST job-change {id, …}, POST clock {advanceMinutes}, POST revoke, POST expire.
 */
export async function handleAdmin(state: SandboxState, req: Req, res: Res, url: URL): Promise<void> {
  const action = `${req.method} ${url.pathname.replace(/\/+$/, '')}`;
  switch (action) {
    case 'GET /__sandbox/health':
      return sendJson(res, 200, {
        ok: true,
        startedAt: state.startedAt,
        jobs: state.dataset.jobs.length,
        logEntries: state.requestLog.length,
      });
    case 'GET /__sandbox/log':
      return sendJson(res, 200, state.requestLog);
    case 'DELETE /__sandbox/log':
      state.requestLog.length = 0;
      return sendJson(res, 200, { ok: true });
    case 'GET /__sandbox/faults':
      return sendJson(res, 200, state.faults);
    case 'POST /__sandbox/faults':
      state.faults = mergeFaults(state.faults, parse(faultsPatchSchema, await readJson(req)) as Partial<typeof NO_FAULTS>);
      return sendJson(res, 200, state.faults);
    case 'DELETE /__sandbox/faults':
      state.faults = mergeFaults(NO_FAULTS, {});
      return sendJson(res, 200, state.faults);
    case 'POST /__sandbox/jobs': {
      const body = parse(addJobsSchema, await readJson(req));
      return sendJson(res, 200, addJobs(state.dataset, state.startedAt, body.count, body.template, state.seed));
    }
    case 'GET /__sandbox/search':
      return sendJson(res, 200, { divergence: state.settings.searchDivergence });
    case 'POST /__sandbox/search':
      state.settings.searchDivergence = parse(searchSchema, await readJson(req)).divergence;
      return sendJson(res, 200, { divergence: state.settings.searchDivergence });
    case 'POST /__sandbox/job-change': {
      const change = parse(jobChangeSchema, await readJson(req));
      if (!changeJob(state.dataset, state.startedAt, sandboxNow(state), change)) throw new HttpError(404, `No job ${change.id}`);
      return sendJson(res, 200, { ok: true });
    }
    case 'POST /__sandbox/clock':
      state.clockOffsetMs += parse(clockSchema, await readJson(req)).advanceMinutes * 60_000;
      return sendJson(res, 200, { now: sandboxNow(state) });
    case 'POST /__sandbox/revoke':
      state.oauth.revokeRefreshTokens();
      return sendJson(res, 200, { ok: true });
    case 'POST /__sandbox/expire':
      state.oauth.expireAccessTokens();
      return sendJson(res, 200, { ok: true });
    default:
      return sendJson(res, 404, { message: `No sandbox admin action ${action}` });
  }
}
