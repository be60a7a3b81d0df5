import { readFileSync } from 'node:fs';
import { defineConfig } from 'wxt';
import { polyfillAsModule } from './config/polyfill-as-module';
import { manifestCommands } from './lib/commands/index';

// Development and test builds carry a fixed public key so the extension id, and with it the
// OAuth redirect URI (https://<id>.chromiumapp.org/), is the same on every machine and folder.
// Store archives (`npm run zip`, LOUPE_STORE=1) leave it out: the store assigns the id.
const devKey = JSON.parse(readFileSync(new URL('./config/dev-extension-key.json', import.meta.url), 'utf8')) as {
  publicKey: string;
};

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [polyfillAsModule()] }),
  // Lets parallel checkouts or test runs build side by side without wiping each other's output.
  outDir: process.env.LOUPE_OUT_DIR ?? '.output',
  webExt: { disabled: true },
  manifest: ({ browser }) => ({
    name: 'Loupe',
    short_name: 'Loupe',
    description: 'Client stats, filters and job alerts on the freelance marketplace pages you already use.',
    default_locale: 'en',
    // Each permission is explained in config/permissions.json; a test keeps the two in step.
    permissions: ['storage', 'unlimitedStorage', 'identity', 'alarms', 'notifications', 'downloads'],
    host_permissions: ['https://www.upwork.com/*', 'https://api.upwork.com/*'],
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; base-uri 'none'; frame-ancestors 'none'",
    },
    action: { default_title: 'Loupe' },
    // Keyboard shortcuts need no permission; the options page lists them (About).
    commands: manifestCommands(browser),
    // storage.session and StorageArea.setAccessLevel (tokens and the budget out of content scripts' reach) need Chrome 102.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: '102' }),
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // Loupe sends nothing to its makers: all data stays in the browser or goes to the user's own API key.
            gecko: { id: 'loupe@loupe-extension.dev', strict_min_version: '128.0', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
    ...(process.env.LOUPE_STORE !== '1' && browser !== 'firefox' ? { key: devKey.publicKey } : {}),
  }),
  zip: {
    artifactTemplate: 'loupe-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'loupe-{{version}}-sources.zip',
    // The sources archive is for store review: no test keys, fixtures, sandbox or CI files.
    excludeSources: [
      'config/dev-extension-key.json',
      'tests/**',
      'sandbox/**',
      'scripts/**',
      '.ci/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
});
