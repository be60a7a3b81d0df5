// `npm run demo`: builds Loupe, starts the sandbox, and opens Chromium (or, with `--browser firefox`,
// Firefox with the Firefox build) with the extension on the sandbox's job search page. With a
// display it is a real window you use; without one it walks through sign-in and the main pages
// headless as a person would, checks what each page shows, saves screenshots and exits non-zero
// when any step did not show what it should.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { build } from 'wxt';
import { faultsPatchSchema } from '../sandbox/faults';
import { startSandbox } from '../sandbox/server';
import type { LoupeBrowser } from '../testkit/driver';
import { ChromiumDriver } from '../testkit/driver-chromium';
import { FirefoxDriver } from '../testkit/driver-firefox';
import { pictureSurfaces } from './demo/surfaces';
import { runWalkthrough, SEARCH_URL } from './demo/walkthrough';

const { values: flags } = parseArgs({
  options: {
    browser: { type: 'string', default: 'chromium' },
    port: { type: 'string', default: '8443' },
    seed: { type: 'string', default: '1' },
    headless: { type: 'boolean', default: !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY },
    out: { type: 'string', default: 'demo-screenshots' },
    // Use the build already in .output (or LOUPE_OUT_DIR): the demo's own test runs right after the e2e build.
    'no-build': { type: 'boolean', default: false },
    // Only the checked steps, without the pictures of every surface (half the demo's time).
    'no-pictures': { type: 'boolean', default: false },
    // A sandbox fault as JSON (see sandbox/README.md), to see how the demo reports a broken step.
    fault: { type: 'string' },
  },
});

function faultsFromFlag(text: string | undefined) {
  if (!text) return undefined;
  const parsed = faultsPatchSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`--fault is not a sandbox fault patch: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

async function main(): Promise<void> {
  const faults = faultsFromFlag(flags.fault);
  const firefox = flags.browser === 'firefox';
  if (!firefox && flags.browser !== 'chromium') throw new Error(`--browser is chromium or firefox, not ${flags.browser}.`);
  if (!flags['no-build']) {
    console.log(`Building Loupe for ${firefox ? 'Firefox' : 'Chrome'}…`);
    // The test build (open shadow roots): the walkthrough checks what each panel shows, which the
    // shipped build's closed roots hide from everything but the person looking at it.
    await build({ browser: firefox ? 'firefox' : 'chrome', mode: 'test' });
  }
  const sandbox = await startSandbox({
    port: Number(flags.port),
    seed: Number(flags.seed),
    autoApprove: flags.headless,
    quiet: true,
    faults,
  });
  console.log(`Sandbox on ${sandbox.origin} (answers as www.upwork.com and api.upwork.com).`);
  const loupe: LoupeBrowser = firefox
    ? await FirefoxDriver.launch({ sandboxPort: sandbox.port, headless: flags.headless })
    : await ChromiumDriver.launch({ args: sandbox.chromiumArgs, headless: flags.headless });
  const stop = async () => {
    await loupe.close().catch(() => {});
    await sandbox.close();
  };
  process.once('SIGINT', () => {
    console.log('\nStopping the browser and the sandbox.');
    void stop().then(() => process.exit(0));
  });

  if (!flags.headless) {
    await loupe.openExtensionPage('options.html');
    await loupe.openPage(SEARCH_URL);
    console.log(
      `${firefox ? 'Firefox' : 'Chromium'} is open. Sign in on the options tab with the client id "loupe-demo", then browse the job search tab.`,
    );
    console.log('Press Ctrl-C to stop everything.');
    return;
  }

  mkdirSync(flags.out, { recursive: true });
  const failures = await runWalkthrough({ loupe, sandbox, out: flags.out, log: console.log });
  // Every surface in both themes, for the README and for review; a missing picture is said, not fatal.
  // Chromium only: the pictures are the README's, and one browser's are enough.
  if (loupe instanceof ChromiumDriver && !flags['no-pictures']) {
    const { context } = loupe;
    const extensionId = new URL(loupe.extensionOrigin).host;
    for (const problem of await pictureSurfaces({ context, extensionId, sandbox, out: flags.out }))
      console.log(`(no screenshot) ${problem}`);
  }
  const apiRequests = sandbox.requestLog.filter((entry) => entry.path === '/graphql');
  console.log(`API requests made: ${apiRequests.length}, answered 429: ${apiRequests.filter((e) => e.status === 429).length}.`);
  console.log(`Screenshots are in ${flags.out}/.`);
  console.log(failures ? `${failures} step(s) failed.` : 'Every step showed what it should.');
  await stop();
  process.exit(failures ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
