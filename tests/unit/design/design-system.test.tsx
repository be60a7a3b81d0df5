import { describe, expect, it } from 'vitest';
import { colors, cssVar, fontSize, space, tokensCss } from '../../../components/common/tokens';
import { DEFAULT_SECTION, optionsSections, sectionFromHash } from '../../../components/options/sections';
import { manifestCommands, OPEN_POPUP, TILE_COMMANDS } from '../../../lib/commands/index';
import { featureCatalog } from '../../../lib/features/index';
import { tileCommandMessage, tileCommandOf } from '../../../lib/messaging/to-content';

/** WCAG relative luminance and contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe('design tokens', () => {
  it('put every token on the selector, dark values behind the browser’s preference or the given condition', () => {
    const css = tokensCss(':root');
    for (const key of Object.keys(space))
      expect(css).toContain(`${cssVar(`space-${key}`)}: ${space[key as unknown as keyof typeof space]};`);
    for (const [key, value] of Object.entries(fontSize)) expect(css).toContain(`${cssVar(`text-${key}`)}: ${value};`);
    expect(css).toContain('--loupe-accent-soft: #e9e7fc;');
    expect(css).toMatch(/@media \(prefers-color-scheme: dark\) \{ :root \{ color-scheme: dark; .*--loupe-accent: #a79cff;/);
    const overlay = tokensCss(':host', { darkWhen: ':host([data-loupe-theme="dark"])' });
    expect(overlay).toContain(':host([data-loupe-theme="dark"]) { color-scheme: dark;');
    expect(overlay).not.toContain('@media');
  });

  it('keep text readable (WCAG AA, 4.5:1) on every background, in both themes', () => {
    for (const theme of ['light', 'dark'] as const) {
      const c = colors[theme];
      for (const background of [c.bg, c.surface, c.raised])
        for (const text of [c.fg, c.muted, c.accent, c.good, c.warn, c.bad])
          expect(contrast(text, background), `${theme}: ${text} on ${background}`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(c.accentFg, c.accent), `${theme}: button text`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('never use the marketplace’s brand greens', () => {
    const all = JSON.stringify(colors).toLowerCase();
    for (const green of ['#14a800', '#108a00']) expect(all).not.toContain(green);
  });
});

describe('options sections', () => {
  it('give every page feature’s switch exactly one home', () => {
    const homes = optionsSections.flatMap((section) => section.features);
    expect([...homes].sort()).toEqual(featureCatalog.map((feature) => feature.id).sort());
  });

  it('resolve from the address, unknown ones to the default', () => {
    expect(sectionFromHash('#/rules').id).toBe('rules');
    expect(sectionFromHash('#rules').id).toBe('rules');
    expect(sectionFromHash('#/block-list/anything').id).toBe('block-list');
    expect(sectionFromHash('').id).toBe(DEFAULT_SECTION);
    expect(sectionFromHash('#/nope').id).toBe(DEFAULT_SECTION);
    expect(new Set(optionsSections.map((section) => section.id)).size).toBe(optionsSections.length);
  });
});

describe('keyboard commands', () => {
  it('open the popup with the right action name per browser, and declare each tile command', () => {
    expect(manifestCommands('chrome')._execute_action?.suggested_key.default).toBe(OPEN_POPUP.key);
    expect(manifestCommands('firefox')._execute_browser_action?.suggested_key.default).toBe(OPEN_POPUP.key);
    for (const command of TILE_COMMANDS) expect(manifestCommands('chrome')[command]?.description).toBeTruthy();
    // Chrome takes at most four suggested keys.
    expect(Object.keys(manifestCommands('chrome'))).toHaveLength(4);
  });

  it('reach the content script only in their exact shape', () => {
    expect(tileCommandOf(tileCommandMessage('next-tile'))).toBe('next-tile');
    for (const bad of [
      { loupe: 1, type: 'tile.command', payload: { command: 'delete-everything' } },
      { loupe: 1, type: 'tile.command', payload: { command: 'next-tile', extra: 1 } },
      { loupe: 2, type: 'tile.command', payload: { command: 'next-tile' } },
      { loupe: 1, type: 'tile.command', payload: { command: 'next-tile' }, extra: 1 },
      { loupe: 1, type: 'tile.command', payload: null },
      'next-tile',
      null,
    ])
      expect(tileCommandOf(bad)).toBeNull();
  });
});
