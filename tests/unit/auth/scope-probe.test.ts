import { describe, expect, it } from 'vitest';
import type { ApiService } from '../../../lib/background/api-service';
import { probeScopes } from '../../../lib/background/auth/scope-probe';
import { ApiError } from '../../../lib/upwork/api/errors';

/** An ApiService with only what the probe asks, counting each ask. */
function fakeService(profile: () => Promise<unknown>) {
  const calls = { search: 0, profile: 0 };
  const service = {
    searchJobs: async () => {
      calls.search += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { jobs: [], totalCount: 0 };
    },
    freelancer: async () => {
      calls.profile += 1;
      return profile();
    },
  } as unknown as ApiService;
  return { service, calls };
}

describe('the connection test’s scope probe', () => {
  it('is shared by connection tests that run at once, then asked afresh', async () => {
    let clock = 1_000_000;
    const now = () => clock;
    const { service, calls } = fakeService(async () => null);
    const reports = await Promise.all(Array.from({ length: 4 }, () => probeScopes(service, true, now)));
    expect(calls).toEqual({ search: 1, profile: 1 });
    for (const report of reports) expect(report.map((check) => check.outcome)).toEqual(['passed', 'passed']);
    clock += 60_000;
    await probeScopes(service, true, now);
    expect(calls).toEqual({ search: 2, profile: 2 });
  });

  it('names a missing scope, and asks nothing when signed out', async () => {
    let clock = 2_000_000;
    const { service, calls } = fakeService(async () => {
      throw new ApiError('missing-scope', 'no');
    });
    const checks = await probeScopes(service, true, () => clock);
    expect(checks.find((check) => check.check === 'freelancer-profiles')?.message).toContain('pub-freelancer-profiles:read:all');
    clock += 60_000;
    const before = { ...calls };
    expect((await probeScopes(service, false, () => clock)).every((check) => check.outcome === 'skipped')).toBe(true);
    expect(calls).toEqual(before);
  });
});
