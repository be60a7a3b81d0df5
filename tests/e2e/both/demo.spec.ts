import { mkdirSync } from 'node:fs';
import { runWalkthrough } from '../../../scripts/demo/walkthrough';
import { expect, test } from './fixtures';

/**
 * `npm run demo -- --browser firefox` walks through Loupe in Firefox with the same steps as in
 * Chromium (scripts/demo/walkthrough.ts, written against testkit/driver.ts). Here the walk runs in
 * this run's Firefox; tests/e2e/demo.spec.ts runs the whole demo script in Chromium.
 */

test('the demo’s walkthrough shows what every step should', async ({ loupe, sandbox, loupeBrowser }, testInfo) => {
  test.skip(loupeBrowser === 'chromium', 'tests/e2e/demo.spec.ts runs the whole demo, this walk included, in Chromium');
  mkdirSync(testInfo.outputDir, { recursive: true }); // the walk's screenshots
  const lines: string[] = [];
  const failures = await runWalkthrough({ loupe, sandbox, out: testInfo.outputDir, log: (line) => lines.push(line) });
  expect(lines, lines.join('\n')).toHaveLength(5);
  expect(failures, lines.join('\n')).toBe(0);
});
