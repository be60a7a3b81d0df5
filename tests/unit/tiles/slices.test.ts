import { describe, expect, it } from 'vitest';
import { Slices } from '../../../lib/page/tiles/slices';

/** Resolves once every step queued so far has run (each slice is its own task). */
function settled(slices: Slices): Promise<void> {
  return new Promise((resolve) => slices.push(resolve));
}

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // stands for drawing one tile's panels
  }
}

describe('Slices', () => {
  it('runs steps in the order queued, none of them in the task that queued it', async () => {
    const slices = new Slices(new AbortController().signal);
    const ran: number[] = [];
    for (const n of [1, 2, 3]) slices.push(() => ran.push(n));
    expect(ran).toEqual([]);
    await settled(slices);
    expect(ran).toEqual([1, 2, 3]);
  });

  it('gives the thread back once a slice has used its budget', async () => {
    const slices = new Slices(new AbortController().signal, 8);
    // A slice is one task: a microtask queued by its first step runs only once the slice ends.
    let inSlice = false;
    let slicesUsed = 0;
    for (let i = 0; i < 10; i++)
      slices.push(() => {
        if (!inSlice) {
          inSlice = true;
          slicesUsed++;
          queueMicrotask(() => {
            inSlice = false;
          });
        }
        busy(3);
      });
    await settled(slices);
    // 3 ms steps under an 8 ms budget: at most three share a slice.
    expect(slicesUsed).toBeGreaterThanOrEqual(4);
  });

  it('drops what is still queued once its signal aborts', async () => {
    const controller = new AbortController();
    const slices = new Slices(controller.signal);
    const ran: string[] = [];
    slices.push(() => ran.push('before'));
    controller.abort();
    slices.push(() => ran.push('after'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual([]);
  });
});
