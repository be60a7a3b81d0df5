import { describe, expect, it } from 'vitest';
import { addToDossier, clientFacts, DOSSIER_MAX_AGE_MS, normaliseTitle, otherJobsOfClient } from '../../../lib/power/dossier';
import { makeJob } from './job-fixture';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 29, 12);
const posted = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString();
const job = (id: string, title: string, daysAgo: number, client: { companyUid?: string; totalSpent?: number; totalHires?: number } = {}) =>
  makeJob({ id, title, publishedAt: posted(daysAgo) }, { companyUid: 'client-a', ...client });

describe('client dossier', () => {
  it('normalises titles so a repost with other punctuation, case or numbers matches', () => {
    expect(normaliseTitle('  React dev (URGENT!!) – 2 weeks ')).toBe(normaliseTitle('react dev urgent — 3 weeks'));
  });

  it('counts a client’s jobs in the last 30 and 90 days and the reposts of this one', () => {
    const entries = addToDossier(
      [],
      [
        job('1', 'Shopify theme fix', 1),
        job('2', 'Shopify Theme Fix!', 20),
        job('3', 'Logo design', 60),
        job('4', 'Shopify theme fix', 1, { companyUid: 'client-b' }),
      ],
      NOW,
    );
    expect(clientFacts(entries, '1', NOW)).toMatchObject({ postedLast30Days: 2, postedLast90Days: 3, reposts: 1 });
    expect(clientFacts(entries, '4', NOW)).toMatchObject({ postedLast30Days: 1, reposts: 0 });
  });

  it('keeps the change in spend and hires since the client was last seen different, across reloads', () => {
    let entries = addToDossier([], [job('1', 'A', 1, { totalSpent: 1_000, totalHires: 2 })], NOW - DAY);
    expect(clientFacts(entries, '1', NOW)).toMatchObject({ spendChange: null, hiresChange: null });
    entries = addToDossier(entries, [job('1', 'A', 1, { totalSpent: 4_000, totalHires: 3 })], NOW);
    expect(clientFacts(entries, '1', NOW)).toMatchObject({ spendChange: 3_000, hiresChange: 1 });
    entries = addToDossier(entries, [job('1', 'A', 1, { totalSpent: 4_000, totalHires: 3 })], NOW + 60_000);
    expect(clientFacts(entries, '1', NOW)).toMatchObject({ spendChange: 3_000, hiresChange: 1 });
  });

  it('drops jobs after 90 days or past the maximum, oldest first, and skips jobs with no client id', () => {
    let entries = addToDossier([], [job('1', 'Old', 100)], NOW - DOSSIER_MAX_AGE_MS - 1);
    entries = addToDossier(entries, [job('2', 'B', 1), job('3', 'C', 1), makeJob({ id: '4', title: 'D', publishedAt: posted(1) })], NOW, 1);
    expect(entries.map((entry) => entry.id)).toEqual(['3']);
  });

  it('lists the client’s other jobs, newest posted first, without this one or other clients’ jobs, up to the maximum', () => {
    const entries = addToDossier(
      [],
      [
        job('1', 'This job', 0),
        job('2', 'Older', 30),
        job('3', 'Newest other', 2),
        { ...job('4', 'Date unknown', 0), publishedAt: null },
        job('5', 'Another client’s', 1, { companyUid: 'client-b' }),
        job('6', 'Middle', 10),
      ],
      NOW,
    );
    expect(otherJobsOfClient(entries, '1', 5)).toEqual([
      { id: '3', title: 'Newest other', postedAt: NOW - 2 * DAY },
      { id: '6', title: 'Middle', postedAt: NOW - 10 * DAY },
      { id: '2', title: 'Older', postedAt: NOW - 30 * DAY },
      { id: '4', title: 'Date unknown', postedAt: 0 },
    ]);
    expect(otherJobsOfClient(entries, '1', 2).map((other) => other.id)).toEqual(['3', '6']);
    expect(otherJobsOfClient(entries, '5', 5)).toEqual([]);
    // A job Loupe never showed: its client is unknown, so nothing.
    expect(otherJobsOfClient(entries, '99', 5)).toEqual([]);
  });
});
