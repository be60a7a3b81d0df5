import { describe, expect, it } from 'vitest';
import { makeDetail, readyCard, rowMap, rowValue } from '../../../tests/unit/page/support';
import { jobActivityCard, qualificationItems } from './index';

const NOW = new Date('2026-03-10T12:00:00Z'); // 7:00 AM in Chicago (daylight time since March 8), 1:00 PM in Berlin (CET)

describe('job activity card', () => {
  it('shows activity, local time, overlap, questions and qualifications', () => {
    const card = readyCard(jobActivityCard(makeDetail('1'), NOW, { name: 'Europe/Berlin', offsetMinutes: 60 }));
    expect(rowMap(card.rows)).toMatchObject({
      lastSeen: '3 hours ago',
      invitesSent: '4',
      unansweredInvites: '1',
      interviewing: '2',
      hired: '1 of 2',
      localTime: '1:00 PM (UTC+1)',
      overlap: '8 h (9:00–17:00 your time)',
    });
    expect(card.lists.map((list) => list.key)).toEqual(['overlapHow', 'screeningQuestions', 'qualifications']);
    expect(card.lists[1]?.items).toEqual(['Describe a similar project.', '<b>not bold</b>']);
  });

  it('says how the overlap was worked out: both zones and where they come from, the hours assumed, the result', () => {
    const detail = makeDetail('1', {
      client: { country: 'United States', city: null, timezone: 'America/New_York', paymentVerified: true },
    });
    const card = readyCard(jobActivityCard(detail, NOW, { name: 'Europe/Berlin', offsetMinutes: 60 }));
    const how = card.lists.find((list) => list.key === 'overlapHow');
    expect(how?.open).toBe(false);
    expect(how?.items).toEqual([
      'Client’s time zone: America/New_York (UTC−4 today), from the client’s details on Upwork.',
      'Your time zone: Europe/Berlin (UTC+1 today), from this browser’s settings.',
      'Working hours are taken as 9:00–17:00 on both sides: Upwork doesn’t say when the client works.',
      'Result: 3 h when both of you are within 9:00–17:00, 14:00–17:00 your time.',
    ]);
    expect(rowValue(card.rows, 'overlap')).toBe('3 h (14:00–17:00 your time)');
    // A fixed offset is said as such; no overlap is said in words.
    const fixed = makeDetail('1', { client: { country: 'Japan', city: null, timezone: 'UTC+09:00', paymentVerified: true } });
    const far = readyCard(jobActivityCard(fixed, NOW, { name: null, offsetMinutes: -300 })).lists.find((list) => list.key === 'overlapHow');
    expect(far?.items[0]).toBe('Client’s time zone: UTC+9, from the client’s details on Upwork.');
    expect(far?.items[1]).toBe('Your time zone: UTC−5, from this browser’s settings.');
    expect(far?.items[3]).toBe('Result: no hour when both of you are within 9:00–17:00.');
    // A browser set to UTC names no zone beyond the offset.
    const utc = readyCard(jobActivityCard(fixed, NOW, { name: 'UTC', offsetMinutes: 0 })).lists.find((list) => list.key === 'overlapHow');
    expect(utc?.items[1]).toBe('Your time zone: UTC, from this browser’s settings.');
  });

  it('lists the client’s other jobs Loupe has seen as links to Upwork, with when each was posted', () => {
    const others = [
      { id: '22', title: 'Logo <b>refresh</b>', postedAt: NOW.getTime() - 2 * 24 * 3600_000 },
      { id: '23', title: '', postedAt: 0 },
    ];
    const card = readyCard(jobActivityCard(makeDetail('1'), NOW, { name: null, offsetMinutes: 60 }, others));
    const list = card.lists.find((l) => l.key === 'otherJobs');
    expect(list?.title).toBe('This client’s other jobs Loupe has seen (2)');
    expect(list?.open).toBe(true);
    expect(list?.items).toEqual([
      { text: 'Logo <b>refresh</b>', href: 'https://www.upwork.com/jobs/~0222', note: 'posted 2 days ago' },
      { text: 'Untitled job', href: 'https://www.upwork.com/jobs/~0223' },
    ]);
    expect(readyCard(jobActivityCard(makeDetail('1'), NOW, { name: null, offsetMinutes: 60 })).lists.map((l) => l.key)).not.toContain(
      'otherJobs',
    );
  });

  it('reports no overlap plainly', () => {
    const detail = makeDetail('1', { client: { country: 'Japan', city: null, timezone: 'Asia/Tokyo', paymentVerified: true } });
    const card = readyCard(jobActivityCard(detail, NOW, { name: null, offsetMinutes: -300 }));
    expect(rowValue(card.rows, 'overlap')).toBe('none');
  });

  it('keeps unreadable activity text as the API gave it and omits the clock without a zone', () => {
    const base = makeDetail('1');
    const detail = makeDetail('1', {
      activity: { ...base.activity, lastClientActivity: 'yesterday' },
      client: { ...base.client, timezone: null },
      screeningQuestions: [],
    });
    const card = readyCard(jobActivityCard(detail, NOW, { name: null, offsetMinutes: 0 }));
    expect(rowValue(card.rows, 'lastSeen')).toBe('yesterday');
    expect(rowValue(card.rows, 'localTime')).toBeUndefined();
    expect(card.lists.map((list) => list.key)).toEqual(['qualifications']);
  });

  it('lists qualifications in words', () => {
    expect(qualificationItems(makeDetail('1').qualifications)).toEqual([
      'Job Success Score 90% or more',
      'Rising Talent welcome',
      'English: Fluent',
      'At least 100 hours worked on Upwork',
      'Located in: United States',
    ]);
  });
});
