import { describe, expect, it } from 'vitest';
import { formatCount, formatMoney, formatPercent, formatRate, formatRating, plural } from '../../../lib/helpers/format';

describe('money', () => {
  it.each([
    [0, 'USD', '$0'],
    [350, 'USD', '$350'],
    [999.4, 'USD', '$999'],
    [1_000, 'USD', '$1K'],
    [1_234, 'USD', '$1.2K'],
    [12_345, 'USD', '$12K'],
    [999_600, 'USD', '$1M'],
    [1_500_000, 'USD', '$1.5M'],
    [2_000_000_000, 'USD', '$2B'],
    [15_000, 'EUR', '€15K'],
    [1_200, 'cad', 'CAD 1.2K'],
    [-2_500, 'USD', '-$2.5K'],
  ])('%d %s -> %s', (amount, currency, text) => {
    expect(formatMoney(amount, currency)).toBe(text);
  });

  it.each([
    [25, '$25/hr'],
    [12.5, '$12.50/hr'],
  ])('rate %d -> %s', (amount, text) => {
    expect(formatRate(amount)).toBe(text);
  });
});

describe('hire rate, rating, counts', () => {
  it.each([
    [0, '0%'],
    [0.666, '67%'],
    [1, '100%'],
    [1.5, '150%'],
  ])('percent %d -> %s', (ratio, text) => {
    expect(formatPercent(ratio)).toBe(text);
  });

  it.each([
    [4.87, '4.87'],
    [4.9, '4.9'],
    [5, '5'],
    [4.999, '5'],
  ])('rating %d -> %s', (rating, text) => {
    expect(formatRating(rating)).toBe(text);
  });

  it('plural and counts', () => {
    expect(plural(1, 'review')).toBe('1 review');
    expect(plural(2, 'review')).toBe('2 reviews');
    expect(plural(1200, 'hire')).toBe('1,200 hires');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(12.25)).toBe('12.3');
  });
});
