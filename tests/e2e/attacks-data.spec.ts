import { sendFromExtensionPage } from '../../testkit/messages';
import { expect, test } from './fixtures';
import { expectUserDataIntact, loupeWorker, pageErrors, readStorage, seedUserData, signInAs, USER_KEYS } from './support/security';

/**
 * Hostile data Loupe must render or refuse harmlessly, in real Chromium with the built extension:
 * markup in Upwork's text (shown as text everywhere Loupe shows it) and a hostile backup file
 * (refused in words, nothing changed). attacks-messages.spec.ts holds the forged messages.
 */

test('markup in Upwork’s text shows as text on the page, in the popup, the options page and notifications', async ({
  context,
  openExtensionPage,
  sandbox,
}) => {
  const attack = (tag: string) => `<img src=x onerror="window.__loupePwned='${tag}'"><script>window.__loupePwned='${tag}'</script>`;
  const user = sandbox.dataset.user;
  const saved = { name: user.name, organization: user.organizations[1]?.name ?? '' };
  const clientsBefore = sandbox.dataset.clients.length;
  const jobsBefore = sandbox.dataset.jobs.length;
  const base = sandbox.dataset.clients.find((client) => client.country && client.totalPostedJobs > 0) ?? sandbox.dataset.clients[0];
  if (!base) throw new Error('the sandbox has no clients');
  // This test is about rendering, not about finding the job: the alert's one-word search must find it.
  sandbox.setSearchDivergence(false);
  try {
    user.name = `Eve ${attack('account')}`;
    if (user.organizations[1]) user.organizations[1].name = `Agency ${attack('organization')}`;
    sandbox.dataset.clients.push({
      ...base,
      id: 'markup-client',
      city: `Oslo ${attack('city')}`,
      country: { name: `Norway <b>bold</b>`, code: 'NO' },
    });

    const options = await openExtensionPage('options.html');
    await signInAs(options, 'loupe-demo');
    const saveReply = (await sendFromExtensionPage(options, 'alerts.saveSearch', { query: 'zqxmarkup' })) as {
      ok: boolean;
      data: { search: { id: string } };
    };
    expect(saveReply.ok).toBe(true);
    const [job] = sandbox.addJobs(1, {
      clientId: 'markup-client',
      title: `zqxmarkup ${attack('title')} <b>Fix</b> & "quote"`,
      description: `zqxmarkup ${attack('description')}`,
    });
    if (!job) throw new Error('no job added');

    // Notifications: record what the worker asks Chrome to show.
    const worker = await loupeWorker(context);
    await worker.evaluate(() => {
      const chromeApi = (globalThis as unknown as { chrome: { notifications: { create: (...args: unknown[]) => unknown } } }).chrome;
      const shown: unknown[] = [];
      (globalThis as unknown as { __loupeNotifications: unknown[] }).__loupeNotifications = shown;
      const create = chromeApi.notifications.create.bind(chromeApi.notifications);
      chromeApi.notifications.create = (...args: unknown[]) => {
        shown.push(args);
        return create(...args);
      };
    });
    expect(await sendFromExtensionPage(options, 'alerts.pollNow', { id: saveReply.data.search.id })).toMatchObject({ ok: true });
    const notifications = await worker.evaluate(() => (globalThis as unknown as { __loupeNotifications: unknown[] }).__loupeNotifications);
    const options0 = (
      notifications[0] as [string, { title: string; message: string; contextMessage?: string; type: string }] | undefined
    )?.[1];
    expect(options0, 'a notification for the new job').toBeTruthy();
    expect(options0?.type).toBe('basic');
    expect(options0?.title).toContain('<img src=x onerror=');
    expect(options0?.title.startsWith('zqxmarkup <img')).toBe(true);

    // The page: the tile shows the client's place as text, and nothing runs.
    const page = await context.newPage();
    const errors = pageErrors(page);
    await page.goto('https://www.upwork.com/nx/search/jobs/?q=zqxmarkup');
    const tile = page.locator(`article[data-ev-job-uid="${job.id}"]`);
    const panel = tile.locator('loupe-tile-panel');
    await expect(panel).toHaveAttribute('data-loupe-state', 'ready');
    await expect(panel.locator('[data-loupe-stat="location"] .loupe-stat-value')).toHaveText(`Oslo ${attack('city')}, Norway <b>bold</b>`);
    expect(await panel.evaluate((host) => host.shadowRoot?.querySelectorAll('img, script, b').length)).toBe(0);

    // The popup: account, organization and the alert feed, all as text.
    const popup = await openExtensionPage('popup.html');
    const popupErrors = pageErrors(popup);
    await expect(popup.getByTestId('account-name')).toHaveText(user.name);
    await expect(popup.getByTestId('organization-select').locator('option', { hasText: 'Agency <img' })).toHaveCount(1);
    const entry = popup.locator(`[data-testid="feed-entry"][data-job-id="${job.id}"]`);
    await expect(entry.locator('.loupe-feed-title')).toHaveText(job.title);
    await expect(entry).toContainText('Oslo <img');
    await options.reload();
    await expect(options.getByTestId('account-name')).toContainText('Eve <img');

    for (const view of [page, popup, options]) {
      expect(await view.evaluate(() => (globalThis as { __loupePwned?: string }).__loupePwned), view.url()).toBeUndefined();
      expect(await view.locator('img[src="x"], script:not([src])').count(), view.url()).toBe(0);
    }
    expect(await popup.evaluate(() => document.querySelectorAll('b').length)).toBe(0);
    expect([...errors, ...popupErrors]).toEqual([]);
  } finally {
    sandbox.setSearchDivergence(true);
    user.name = saved.name;
    if (user.organizations[1]) user.organizations[1].name = saved.organization;
    sandbox.dataset.clients.splice(clientsBefore);
    sandbox.dataset.jobs.splice(jobsBefore);
  }
});

test('a backup with prototype-pollution keys, huge strings or deep nesting is refused in words and changes nothing', async ({
  openExtensionPage,
}) => {
  const options = await openExtensionPage('options.html#/backup');
  await seedUserData(options);
  await options.reload();
  const before = await readStorage(options, USER_KEYS);
  const envelope = '"format":"loupe-backup","version":2';
  const files: [string, string, RegExp][] = [
    ['proto-top.json', `{"__proto__":{"polluted":"yes"},${envelope}}`, /^__proto__: this key is not allowed in a Loupe file$/],
    [
      'proto-nested.json',
      `{${envelope},"settings":{"rules":{"constructor":{"prototype":{"polluted":"yes"}}}},"notes":{"entries":[{"target":"client","key":"k","__proto__":{"polluted":"yes"}}]}}`,
      /(settings\.rules\.constructor|notes\.entries\[0\]\.__proto__): this key is not allowed/,
    ],
    [
      'huge-string.json',
      `{${envelope},"notes":{"entries":[{"target":"client","key":"k","text":"${'A'.repeat(300_000)}"}]}}`,
      /A text in the file is longer than 100,000 characters/,
    ],
    ['deep.json', `{${envelope},"settings":${'['.repeat(50_000)}${']'.repeat(50_000)}}`, /nested more than 32 levels deep/],
    ['huge-key.json', `{${envelope},"${'k'.repeat(200_000)}":1}`, /longer than 100,000 characters/],
  ];
  const errors = options.getByTestId('import-errors');
  for (const [name, text, expected] of files) {
    for (const mode of ['merge', 'replace'] as const) {
      await options.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
      await options.getByTestId(`import-mode-${mode}`).check();
      await options.getByTestId('import-run').click();
      await expect(errors, `${name} (${mode})`).toContainText('Nothing was imported');
      await expect(errors.locator('li').filter({ hasText: expected }).first(), `${name} (${mode})`).toBeVisible();
    }
  }
  const pollution = await options.evaluate(() => ({
    plain: ({} as Record<string, unknown>).polluted,
    viaObject: Object.hasOwn(Object.prototype, 'polluted'),
  }));
  expect(pollution).toEqual({ plain: undefined, viaObject: false });
  expect(await readStorage(options, USER_KEYS)).toEqual(before);
  await expectUserDataIntact(options);

  // The page still works: a good file imports.
  await options.getByTestId('import-file').setInputFiles({
    name: 'good.json',
    mimeType: 'application/json',
    buffer: Buffer.from(`{${envelope},"blockList":{"clients":[{"clientId":"client-9","label":"Client in Rome"}]}}`),
  });
  await options.getByTestId('import-mode-merge').check();
  await options.getByTestId('import-run').click();
  await expect(options.getByTestId('import-result')).toContainText('2 blocked clients');
});
