// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { makeJob, rowMap, rowValue } from '../../../tests/unit/page/support';
import { clientStatRows, partialClientRows } from '../../present/client-rows';
import { notOnTile, renderRows } from './index';

const NOW = new Date('2026-03-10T12:00:00Z'); // 7:00 AM in Chicago (daylight time since March 8), 1:00 PM in Berlin (CET)

describe('tile client stats', () => {
  it('never shows a hire rate above 100 %: more hires than jobs is hires per job', () => {
    const many = clientStatRows(makeJob('1', {}, { totalHires: 14, totalPostedJobs: 10, hireRate: 1.4 }), NOW);
    expect(rowValue(many, 'hireRate')).toBeUndefined();
    expect(rowValue(many, 'hiresPerJob')).toBe('1.4 hires per job');
    expect(rowValue(clientStatRows(makeJob('1', {}, { totalHires: 31, totalPostedJobs: 10 }), NOW), 'hiresPerJob')).toBe(
      '3.1 hires per job',
    );
    expect(rowValue(clientStatRows(makeJob('1', {}, { totalHires: 10, totalPostedJobs: 10 }), NOW), 'hireRate')).toBe('100%');
    expect(rowValue(clientStatRows(makeJob('1', {}, { totalHires: 0, totalPostedJobs: 0 }), NOW), 'hireRate')).toBeUndefined();
  });

  it('leaves out a row whose very value the tile shows, and keeps what the tile rounds or lacks', () => {
    const tile = (spent: string, feedback: string, country: string) => {
      const element = document.createElement('article');
      for (const [test, text] of [
        ['payment-verified', 'Payment verified'],
        ['total-spent', spent],
        ['total-feedback', feedback],
        ['location', country],
      ] as const) {
        const item = document.createElement('span');
        item.dataset.test = test;
        item.textContent = text;
        element.append(item);
      }
      return element;
    };
    const rows = [
      { key: 'payment', label: '', value: '✓ Payment verified' },
      { key: 'spent', label: 'Spent', value: '$0' },
      { key: 'rating', label: '★', value: 'No reviews yet' },
      { key: 'location', label: '', value: 'Australia' },
      { key: 'hires', label: 'Hires', value: '0' },
    ];
    expect(notOnTile(tile('$0 spent', 'No reviews yet', 'Australia'), rows).map((row) => row.key)).toEqual(['hires']);
    const rounded = [
      { key: 'spent', label: 'Spent', value: '$12,345,679' },
      { key: 'rating', label: '★', value: '4.4 (4,987 reviews)' },
      { key: 'location', label: '', value: 'Toronto, Canada' },
    ];
    expect(notOnTile(tile('$12M+ spent', '4.40', 'Canada'), rounded)).toEqual(rounded);
  });

  it('shows what the API knows, formatted', () => {
    const rows = clientStatRows(makeJob('1'), NOW);
    expect(rows.map((row) => row.key)).toEqual([
      'payment',
      'rating',
      'spent',
      'hires',
      'hireRate',
      'jobsPosted',
      'location',
      'localTime',
      'proposals',
    ]);
    expect(rowMap(rows)).toMatchObject({
      payment: '✓ Payment verified',
      rating: '4.87 (11 reviews)',
      spent: '$20,500',
      hires: '15',
      hireRate: '47%',
      jobsPosted: '32',
      location: 'Austin, United States',
      localTime: '7:00 AM',
      proposals: '12',
    });
  });

  it('leaves out what is unknown instead of inventing it, and says when spend is private', () => {
    const job = makeJob(
      '2',
      { totalApplicants: null },
      {
        totalSpent: null,
        hasFinancialPrivacy: true,
        hireRate: null,
        totalPostedJobs: 0,
        totalHires: 0,
        rating: null,
        totalReviews: 0,
        paymentVerified: false,
        country: null,
        city: null,
        timezone: null,
        utcOffsetMinutes: null,
      },
    );
    const rows = clientStatRows(job, NOW);
    expect(rows.map((row) => row.key)).toEqual(['payment', 'rating', 'spent', 'hires', 'jobsPosted']);
    expect(rowMap(rows)).toMatchObject({
      payment: 'Payment not verified',
      rating: 'No reviews yet',
      spent: 'hidden by the client',
    });
    expect(rows.some((row) => /rate paid/i.test(row.label))).toBe(false);
  });

  it('uses the fixed offset when the zone is unknown', () => {
    const rows = clientStatRows(makeJob('3', {}, { timezone: null, utcOffsetMinutes: 330 }), NOW);
    expect(rowValue(rows, 'localTime')).toBe('5:30 PM');
  });

  it('without stats, shows what the job detail tells about the client', () => {
    const rows = partialClientRows({ country: 'India', city: 'Pune', timezone: 'Asia/Kolkata', paymentVerified: false }, NOW);
    expect(rows.map((row) => [row.key, row.value])).toEqual([
      ['payment', 'Payment not verified'],
      ['location', 'Pune, India'],
      ['localTime', '5:30 PM'],
    ]);
    expect(partialClientRows({ country: null, city: null, timezone: null, paymentVerified: null }, NOW)).toEqual([]);
  });

  it('renders values as text, never markup', () => {
    const container = document.createElement('div');
    renderRows(container, [{ key: 'location', label: '', value: '<img src=x onerror=alert(1)>' }], 'stats');
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(container.querySelector('[data-loupe-stat="location"]')).not.toBeNull();
  });
});
