/**
 * Loupe's design tokens: one source for spacing, type, radii and colours, shared by the extension
 * pages (options, popup, welcome) and the overlays on upwork.com. Plain data and CSS text, no
 * React, so shadow-root overlays can use them as they are.
 *
 * The accent is Loupe's own indigo; the marketplace's brand colours are never used.
 * Colour pairs are chosen for WCAG AA contrast (4.5:1 for text) on `bg`, `surface` and `raised`.
 */

export const space = { 1: '4px', 2: '8px', 3: '12px', 4: '16px', 5: '24px', 6: '32px', 7: '48px' } as const;

export const fontSize = { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '20px', xxl: '28px' } as const;

export const radius = { sm: '6px', md: '10px', pill: '999px' } as const;

export const font = {
  family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  mono: 'ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace',
  lineHeight: '1.5',
} as const;

export type ColorName =
  | 'bg'
  | 'surface'
  | 'raised'
  | 'fg'
  | 'muted'
  | 'border'
  | 'accent'
  | 'accentFg'
  | 'accentSoft'
  | 'good'
  | 'warn'
  | 'bad'
  | 'focus';

export const colors: Record<'light' | 'dark', Record<ColorName, string>> = {
  light: {
    bg: '#f6f5fb',
    surface: '#ffffff',
    raised: '#efedf9',
    fg: '#1d1b2e',
    muted: '#5b5775',
    border: '#d9d6ec',
    accent: '#4b3fd1',
    accentFg: '#ffffff',
    accentSoft: '#e9e7fc',
    good: '#1b7a3d',
    warn: '#8a5300',
    bad: '#b3261e',
    focus: '#4b3fd1',
  },
  dark: {
    bg: '#14131d',
    surface: '#1d1b2b',
    raised: '#272538',
    fg: '#ecebf5',
    muted: '#aaa7c6',
    border: '#3a3757',
    accent: '#a79cff',
    accentFg: '#14131d',
    accentSoft: '#2d2a4f',
    good: '#7bd89a',
    warn: '#f0b35b',
    bad: '#ff8a80',
    focus: '#c2baff',
  },
};

/** `accentSoft` -> `--loupe-accent-soft`. */
export function cssVar(name: string): string {
  return `--loupe-${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function declarations(entries: Record<string, string>, prefix = ''): string {
  return Object.entries(entries)
    .map(([key, value]) => `${cssVar(prefix + key)}: ${value};`)
    .join(' ');
}

function colorDeclarations(theme: 'light' | 'dark'): string {
  return `color-scheme: ${theme}; ${declarations(colors[theme])}`;
}

/**
 * The tokens as CSS custom properties on `selector`. `theme`:
 * - 'media' follows the browser (`prefers-color-scheme`), for Loupe's own pages;
 * - an attribute selector such as `[data-loupe-theme="dark"]` switches to dark where it matches,
 *   for overlays that follow the page's theme rather than the browser's.
 */
export function tokensCss(selector: string, theme: 'media' | { darkWhen: string } = 'media'): string {
  const fixed = `${declarations(space, 'space-')} ${declarations(fontSize, 'text-')} ${declarations(radius, 'radius-')} ${cssVar('font')}: ${font.family}; ${cssVar('mono')}: ${font.mono};`;
  const light = `${selector} { ${fixed} ${colorDeclarations('light')} }`;
  const dark =
    theme === 'media'
      ? `@media (prefers-color-scheme: dark) { ${selector} { ${colorDeclarations('dark')} } }`
      : `${theme.darkWhen} { ${colorDeclarations('dark')} }`;
  return `${light}\n${dark}\n`;
}
