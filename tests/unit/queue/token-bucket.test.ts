import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeLimits, TokenBucket } from '../../../lib/background/queue/token-bucket';
import { maxInAnyWindow } from './fake-upwork';

/** Sends as soon as the bucket allows, for each demand time, and returns the send times. */
function sendGreedily(bucket: TokenBucket, demands: number[]): number[] {
  const sent: number[] = [];
  let clock = demands[0] ?? 0;
  for (const demand of demands) {
    clock = Math.max(clock, demand);
    clock += bucket.waitMs(clock);
    expect(bucket.tryTake(clock)).toBe(true);
    sent.push(clock);
  }
  return sent;
}

describe('TokenBucket', () => {
  it('lets a full bucket burst, then spaces requests at the rate', () => {
    const bucket = new TokenBucket(8, 2, { tokens: 2, at: 0 });
    const sent = sendGreedily(bucket, Array(6).fill(0));
    expect(sent).toEqual([0, 0, 125, 250, 375, 500]);
  });

  it('refills no further than the burst after a long quiet time', () => {
    const bucket = new TokenBucket(8, 2, { tokens: 0, at: 0 });
    expect(bucket.available(60_000)).toBe(2);
    expect(sendGreedily(bucket, [60_000, 60_000, 60_000])).toEqual([60_000, 60_000, 60_125]);
  });

  it('says exactly how long until the next token', () => {
    const bucket = new TokenBucket(4, 1, { tokens: 0, at: 1000 });
    expect(bucket.waitMs(1000)).toBe(250);
    expect(bucket.waitMs(1100)).toBe(150);
    expect(bucket.tryTake(1249)).toBe(false);
    expect(bucket.tryTake(1250)).toBe(true);
  });

  it('with the defaults never lets more than 10 requests into any 1,000 ms window', () => {
    const bucket = new TokenBucket(8, 2, { tokens: 2, at: 0 });
    const sent = sendGreedily(bucket, Array(200).fill(0));
    expect(maxInAnyWindow(sent)).toBe(10); // tight: the bound is reached, never passed
  });

  it('keeps capacity + rate per second in any window, whatever the demand pattern', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 120 }),
        (rate, gaps) => {
          const burst = Math.max(1, 10 - rate);
          const bucket = new TokenBucket(rate, burst, { tokens: burst, at: 0 });
          let time = 0;
          const demands = gaps.map((gap) => (time += gap));
          expect(maxInAnyWindow(sendGreedily(bucket, demands))).toBeLessThanOrEqual(10);
        },
      ),
    );
  });

  it('lets nothing accrue while paused, then starts from empty', () => {
    const bucket = new TokenBucket(8, 2, { tokens: 2, at: 0 });
    bucket.pauseUntil(0, 5000);
    expect(bucket.available(4999)).toBe(0);
    expect(bucket.waitMs(5000)).toBe(125);
  });

  it('credits elapsed time at the old rate when the rate changes', () => {
    const bucket = new TokenBucket(2, 4, { tokens: 0, at: 0 });
    bucket.setLimits(1000, 8, 4);
    expect(bucket.available(1000)).toBe(2);
    expect(bucket.available(1250)).toBe(4);
  });

  it('refuses nonsense limits', () => {
    expect(() => new TokenBucket(0, 2, { tokens: 0, at: 0 })).toThrow(RangeError);
    expect(() => new TokenBucket(8, 0, { tokens: 0, at: 0 })).toThrow(RangeError);
  });
});

describe('safeLimits', () => {
  it('keeps the defaults as they are', () => {
    expect(safeLimits(8, 2, 10)).toEqual({ ratePerSecond: 8, burst: 2 });
  });

  it('pulls rate + burst back under the per-second cap', () => {
    expect(safeLimits(8, 4, 10)).toEqual({ ratePerSecond: 8, burst: 2 });
    expect(safeLimits(12, 1, 10)).toEqual({ ratePerSecond: 9, burst: 1 });
    expect(safeLimits(0.5, 20, 10)).toEqual({ ratePerSecond: 0.5, burst: 9 });
    expect(safeLimits(Number.NaN, 2, 10)).toEqual({ ratePerSecond: 8, burst: 2 });
  });
});
