import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SendWindow, windowFor } from '../../../lib/background/queue/send-window';
import { maxInAnyWindow } from './fake-upwork';

/** Sends each demand as soon as the window allows; returns the send times. */
function sendGreedily(window: SendWindow, demands: number[]): number[] {
  const sends: number[] = [];
  let t = 0;
  for (const demand of [...demands].sort((a, b) => a - b)) {
    t = Math.max(t, demand);
    t += window.waitMs(t);
    window.take(t);
    sends.push(t);
  }
  return sends;
}

describe('SendWindow', () => {
  it('lets a full burst go after a quiet spell, then one as each send leaves the window', () => {
    const window = new SendWindow(windowFor(9.5, 10));
    const sends = sendGreedily(
      window,
      Array.from({ length: 25 }, () => 0),
    );
    expect(sends.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 0));
    expect(sends[10]).toBe(Math.ceil(10_000 / 9.5));
    expect(sends[20]).toBeGreaterThanOrEqual(2 * (10_000 / 9.5));
  });

  it('never lets more than 10 sends into any 1,000 ms, whatever the setting and the demand', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(10), fc.double({ min: 0.1, max: 10, noNaN: true })),
        fc.oneof(fc.constant(1), fc.constant(10), fc.integer({ min: 1, max: 10 })),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 120 }),
        (rate, burst, demands) => {
          const window = new SendWindow(windowFor(rate, burst));
          // Closed windows, stricter than Upwork's: even sends exactly 1,000 ms apart count together.
          expect(maxInAnyWindow(sendGreedily(window, demands))).toBeLessThanOrEqual(10);
        },
      ),
    );
  });

  it('keeps the arrival margin: ten sends span at least 1,050 ms even at 10/s', () => {
    const window = new SendWindow(windowFor(10, 10));
    const sends = sendGreedily(
      window,
      Array.from({ length: 11 }, () => 0),
    );
    expect((sends[10] as number) - (sends[0] as number)).toBeGreaterThanOrEqual(1050);
  });

  it('sustains the set rate under steady demand', () => {
    const window = new SendWindow(windowFor(9.5, 10));
    const sends = sendGreedily(
      window,
      Array.from({ length: 200 }, () => 0),
    );
    const perSecond = ((sends.length - 10) * 1000) / ((sends.at(-1) as number) - (sends[0] as number));
    expect(perSecond).toBeGreaterThan(9.4);
    expect(perSecond).toBeLessThanOrEqual(9.5);
  });

  it('remembers the last ten sends when the capacity is lowered and raised again', () => {
    const window = new SendWindow(windowFor(9.5, 10));
    for (let i = 0; i < 10; i += 1) window.take(0);
    window.setLimits(windowFor(9.5, 1));
    window.setLimits(windowFor(9.5, 10));
    expect(window.waitMs(10)).toBeGreaterThan(1000);
  });

  it('counts a send from when it really left', () => {
    const window = new SendWindow(windowFor(9.5, 1));
    window.take(100);
    window.restamp(100, 130);
    expect(window.waitMs(130)).toBe(Math.ceil(1000 / 9.5));
  });

  it('refuses limits that could pass Upwork’s', () => {
    expect(() => new SendWindow({ capacity: 11, windowMs: 2000 })).toThrow(RangeError);
    expect(() => new SendWindow({ capacity: 10, windowMs: 999 })).toThrow(RangeError);
    expect(() => new SendWindow({ capacity: 1, windowMs: 99 })).toThrow(RangeError);
    expect(() => new SendWindow({ capacity: 0, windowMs: 2000 })).toThrow(RangeError);
  });
});
