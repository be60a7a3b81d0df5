/**
 * True only in test builds: `wxt build --mode test` (the e2e tests and the bench) and Vitest.
 * Vite replaces the expression at build time, so a shipped build carries none of what it guards.
 *
 * Shipped builds tell upwork.com's own scripts nothing: closed shadow roots, no `data-loupe-*`
 * markers on the page's elements, no performance marks (the page shares the performance timeline).
 * Test builds keep open roots (Playwright's selectors pierce open roots only) and a few markers
 * the tests and the bench read; each is written through `testMark`/`testTiming` below.
 */
export const TEST_BUILD: boolean = import.meta.env.MODE === 'test';

/** `data-<name>` on `element`, in test builds only. `null` removes it. */
export function testMark(element: HTMLElement, name: string, value: string | null): void {
  if (!TEST_BUILD) return;
  if (value === null) delete element.dataset[name];
  else element.dataset[name] = value;
}

/** A performance mark for the bench's trace, in test builds only. */
export function testTiming(name: string, detail?: Record<string, unknown>): void {
  if (TEST_BUILD) performance.mark(name, detail ? { detail } : undefined);
}
