import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type HealthSnapshot, PageHealth } from '../../../lib/upwork/site/health';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PageHealth', () => {
  it('sends one debounced report with landmarks and disabled features', () => {
    const reports: HealthSnapshot[] = [];
    const health = new PageHealth('job-search', 'https://www.upwork.com/nx/search/jobs/?q=x', (s) => reports.push(s), 100);
    health.landmark('jobTile', true);
    health.landmark('aboutClient', false);
    health.disable('job-detail-activity', 'landmark "aboutClient" not found');
    expect(reports).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(reports).toEqual([
      {
        page: 'job-search',
        url: 'https://www.upwork.com/nx/search/jobs/?q=x',
        landmarks: { jobTile: true, aboutClient: false },
        disabledFeatures: ['job-detail-activity'],
      },
    ]);
  });

  it('a later match wins over a miss, never the other way round; unchanged facts send nothing', () => {
    const reports: HealthSnapshot[] = [];
    const health = new PageHealth('p', 'u', (s) => reports.push(s), 10);
    health.landmark('jobTile', false);
    health.landmark('jobTile', true);
    health.landmark('jobTile', false);
    vi.advanceTimersByTime(10);
    expect(reports.at(-1)?.landmarks).toEqual({ jobTile: true });
    health.landmark('jobTile', true);
    health.disable('x', 'one');
    health.disable('x', 'two');
    vi.advanceTimersByTime(10);
    expect(reports).toHaveLength(2);
    expect(health.disabledFeatures).toEqual([{ id: 'x', reason: 'one' }]);
  });

  it('flush sends what is pending now; cancel drops it', () => {
    const reports: HealthSnapshot[] = [];
    const health = new PageHealth('p', 'u', (s) => reports.push(s), 1000);
    health.landmark('a', true);
    health.flush();
    expect(reports).toHaveLength(1);
    health.landmark('b', true);
    health.cancel();
    vi.advanceTimersByTime(2000);
    expect(reports).toHaveLength(1);
  });
});
