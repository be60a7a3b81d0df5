import { describe, expect, it } from 'vitest';
import { detectChanges, snapshotOf } from '../../../lib/background/watchlist/detect';
import { watchInterval } from '../../../lib/background/watchlist/schedule';
import type { JobDetail } from '../../../lib/upwork/model';

function detail(activity: Partial<JobDetail['activity']> = {}): JobDetail {
  return {
    id: '1',
    title: 'Build a shop',
    activity: {
      lastClientActivity: '2026-11-20T10:00:00Z',
      invitesSent: 0,
      interviewing: 0,
      hired: 0,
      offered: 0,
      unansweredInvites: 0,
      ...activity,
    },
    screeningQuestions: [],
    qualifications: {
      jobSuccessScore: null,
      risingTalent: null,
      englishProficiency: null,
      hoursWorked: null,
      hasPortfolio: null,
      countries: [],
      timezones: [],
    },
    client: { country: null, city: null, timezone: null, paymentVerified: null },
    contractType: 'FIXED',
    personsToHire: 1,
  };
}

const kinds = (result: ReturnType<typeof detectChanges>) => result.events.map((event) => event.kind);

describe('watched job changes', () => {
  it('takes the first check as where things stand', () => {
    expect(detectChanges(null, detail({ interviewing: 3 }), 5, 1, 0)).toEqual({
      events: [],
      snapshot: snapshotOf(detail({ interviewing: 3 }), 5),
    });
  });

  it('names each thing that moved', () => {
    const before = snapshotOf(detail(), 4);
    expect(kinds(detectChanges(before, detail(), 4, 10, 0))).toEqual([]);
    expect(kinds(detectChanges(before, detail({ lastClientActivity: '2026-11-20T11:00:00Z' }), 4, 10, 0))).toEqual(['client-active']);
    expect(kinds(detectChanges(before, detail({ interviewing: 1, invitesSent: 2 }), 4, 10, 0))).toEqual(['interviews', 'invites']);
    expect(kinds(detectChanges(before, detail({ hired: 1 }), 4, 10, 0))).toEqual(['hired']);
    expect(kinds(detectChanges(before, detail(), 12, 10, 0))).toEqual(['proposals']);
    expect(kinds(detectChanges({ ...before, proposals: 11 }, detail(), 12, 10, 0))).toEqual([]); // already past the mark
    expect(kinds(detectChanges(before, null, null, 10, 0))).toEqual(['closed']);
  });
});

describe('the check interval', () => {
  it('follows the budget left and the number of jobs, within 15 minutes and a day', () => {
    expect(watchInterval(50, 40_000)).toMatchObject({ minutes: 15, requestsPerRound: 2, requestsPerDay: 192 });
    expect(watchInterval(200, 1_000)).toMatchObject({ minutes: 115, requestsPerRound: 8 }); // 8 × 1440 ÷ 100
    expect(watchInterval(1, 0)).toMatchObject({ minutes: 1440, requestsPerDay: 1 });
    expect(watchInterval(0, 40_000)).toMatchObject({ requestsPerDay: 0 });
  });
});
