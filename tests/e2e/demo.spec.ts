import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * `npm run demo` is a newcomer's first look: it must tell the truth. These run the real demo script
 * (its own sandbox and Chromium, on the build this tier just made) and read what it prints.
 */

function runDemo(...extra: string[]): Promise<{ code: number | null; output: string; out: string }> {
  const out = mkdtempSync(join(tmpdir(), 'loupe-demo-'));
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/demo.ts', '--headless', '--no-build', '--port', '0', '--out', out, ...extra], {
      env: { ...process.env, DISPLAY: '' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, out }));
  });
}

const stepLines = (output: string) => output.split('\n').filter((line) => /^[✓✗] /.test(line));

test.describe.configure({ timeout: 240_000 }); // a whole demo: build-free, but its own browser, sandbox and screenshots of every surface

/** Every surface Loupe draws, as the README and a store listing need them. */
const SURFACES = [
  'welcome',
  'settings-account',
  'settings-rules',
  'settings-alerts',
  'settings-about',
  'popup',
  'job-search',
  'job-page',
  'freelancer',
];
const PNG_SIGNATURE = '89504e470d0a1a0a';

test('the demo passes every step against a healthy sandbox, and pictures every surface in both themes', async () => {
  const { code, output, out } = await runDemo();
  const steps = stepLines(output);
  expect(steps, output).toHaveLength(5);
  expect(
    steps.filter((line) => line.startsWith('✗')),
    output,
  ).toEqual([]);
  expect(code, output).toBe(0);
  for (const surface of SURFACES) {
    const [light, dark] = ['light', 'dark'].map((scheme) => readFileSync(join(out, `${scheme}-${surface}.png`)));
    for (const picture of [light, dark]) expect(picture?.subarray(0, 8).toString('hex'), surface).toBe(PNG_SIGNATURE);
    // The two themes really differ: the dark picture is not the light one again.
    expect(light?.equals(dark as Buffer), `${surface}: light and dark pictures are the same`).toBe(false);
  }
});

test('a step the sandbox breaks is marked ✗ with its reason, and the demo exits non-zero', async () => {
  // The healthy run above takes the pictures; this one is about the steps.
  const { code, output } = await runDemo(
    '--no-pictures',
    '--fault',
    JSON.stringify({ missingScopes: ['pub-freelancer-profiles:read:all'] }),
  );
  const steps = stepLines(output);
  expect(
    steps.find((line) => line.includes('Sign in')),
    output,
  ).toMatch(/^✓/);
  expect(
    steps.find((line) => line.includes('Job search')),
    output,
  ).toMatch(/^✓/);
  expect(
    steps.find((line) => line.includes('Freelancer profile')),
    output,
  ).toMatch(/^✗ .*lacks permission/);
  expect(code, output).toBe(1);
});
