import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const reasons = JSON.parse(readFileSync(new URL('../../config/permissions.json', import.meta.url), 'utf8')) as Record<
  'permissions' | 'host_permissions' | 'web_accessible_resources',
  Record<string, string>
>;

/** Builds the manifest the way `wxt build` does, without writing any output. */
function builtManifest(browser: 'chrome' | 'firefox'): Record<string, unknown> {
  const script = `
    const { build } = await import('wxt');
    const out = await build({ browser: '${browser}', outDir: '/tmp/loupe-manifest-${browser}', logLevel: 0 });
    process.stdout.write(JSON.stringify(out.manifest));
  `;
  return JSON.parse(execFileSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
}

describe.each(['chrome', 'firefox'] as const)('%s manifest', (browser) => {
  const manifest = builtManifest(browser);

  it('asks only for permissions with a written reason', () => {
    for (const permission of (manifest.permissions as string[]) ?? []) {
      // Firefox MV2 lists host permissions among permissions.
      const reason = reasons.permissions[permission] ?? reasons.host_permissions[permission];
      expect(reason, `permission "${permission}" has no reason in config/permissions.json`).toBeTruthy();
    }
    for (const host of (manifest.host_permissions as string[]) ?? []) {
      expect(reasons.host_permissions[host], `host "${host}" has no reason in config/permissions.json`).toBeTruthy();
    }
  });

  it('asks for no optional permission or host without a written reason', () => {
    for (const permission of (manifest.optional_permissions as string[]) ?? []) {
      const reason = reasons.permissions[permission] ?? reasons.host_permissions[permission];
      expect(reason, `optional permission "${permission}" has no reason in config/permissions.json`).toBeTruthy();
    }
    for (const host of (manifest.optional_host_permissions as string[]) ?? []) {
      expect(reasons.host_permissions[host], `optional host "${host}" has no reason in config/permissions.json`).toBeTruthy();
    }
  });

  it('lets no web page or other extension open a channel to Loupe', () => {
    // Loupe's worker answers only its own parts (SECURITY.md); a channel from outside needs a reason first.
    expect(manifest.externally_connectable, 'externally_connectable needs a reason and a test').toBeUndefined();
  });

  it('exposes no web-accessible resource without a reason', () => {
    const entries = (manifest.web_accessible_resources as Array<string | { resources: string[] }>) ?? [];
    for (const entry of entries) {
      for (const resource of typeof entry === 'string' ? [entry] : entry.resources) {
        expect(reasons.web_accessible_resources[resource], `web-accessible "${resource}" has no reason`).toBeTruthy();
      }
    }
  });

  it('matches content scripts only on www.upwork.com and loads no remote code', () => {
    const scripts = (manifest.content_scripts as Array<{ matches: string[] }>) ?? [];
    expect(scripts.flatMap((s) => s.matches)).toEqual(['https://www.upwork.com/*']);
    expect(JSON.stringify(manifest)).not.toMatch(/unsafe-eval|unsafe-inline|http:\/\//);
  });

  it('keeps storage.local uncapped, so notes and lists can grow without a failed save', () => {
    expect(manifest.permissions as string[]).toContain('unlimitedStorage');
  });

  it.runIf(browser === 'chrome')('names the oldest Chrome with the storage APIs Loupe uses (storage.session, setAccessLevel)', () => {
    expect(manifest.minimum_chrome_version).toBe('102');
  });

  it('is branded as Loupe, not as the marketplace', () => {
    expect(manifest.name).toBe('Loupe');
    expect(String(manifest.description)).not.toMatch(/upwork/i);
  });
});
