import { describe, expect, it } from 'vitest';
import { breakdownAlign, scoreBand } from '../../../lib/features/job-score';

describe('job score chip', () => {
  it('bands the total: 70 and up is high, under 40 is low', () => {
    expect([0, 39, 40, 69, 70, 100].map(scoreBand)).toEqual(['low', 'low', 'mid', 'mid', 'high', 'high']);
  });

  it('opens the breakdown towards the side of the window with room for it', () => {
    expect(breakdownAlign(100, 180, 1280)).toBe('start');
    expect(breakdownAlign(900, 980, 1280)).toBe('end');
    // A chip wider than the left half on a narrow window: its middle decides.
    expect(breakdownAlign(150, 250, 360)).toBe('end');
  });
});
