// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { IDS, openSearch, panelRoot, tile, withPowerPage } from '../../../tests/unit/page/power-page';
import { userClick } from '../../../tests/unit/page/support';
import { breakdownAlign, scoreBand } from './index';

withPowerPage();

describe('job score on the page', () => {
  it('shows the score beside the title with a breakdown that adds up', async () => {
    await openSearch();
    const chip = tile(IDS[0]).querySelector('.job-tile-title loupe-tile-title');
    expect(panelRoot(IDS[0]).querySelector('[data-loupe-section="score"]')).toBeNull();
    const section = chip?.shadowRoot?.querySelector('[data-loupe-slot="score"]') as HTMLElement;
    const total = Number(section.dataset.score);
    expect(section.querySelector('button')?.textContent).toBe(`Score ${total}/100`);
    const button = section.querySelector('button') as HTMLButtonElement;
    // The breakdown is built as it first opens (hover, focus or a click).
    expect(section.querySelector('.loupe-score-breakdown')).toBeNull();
    expect(button.hasAttribute('aria-controls')).toBe(false);
    button.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    const list = section.querySelector('.loupe-score-breakdown') as HTMLElement;
    expect(button.getAttribute('aria-controls')).toBe(list.id);
    const factors = [...list.querySelectorAll('[data-factor]')];
    expect(factors).toHaveLength(8);
    const sum = factors.reduce((acc, item) => acc + Number(item.querySelector('.loupe-score-points')?.textContent?.split('/')[0]), 0);
    expect(sum).toBe(total);
    button.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(section.querySelectorAll('.loupe-score-breakdown')).toHaveLength(1);
    button.click();
    expect(button.getAttribute('aria-expanded')).toBe('false');
    userClick(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
  });

  it('falls back to the tile’s panel when the title is not in a heading', async () => {
    const heading = tile(IDS[0]).querySelector('.job-tile-title') as HTMLElement;
    const plain = document.createElement('div');
    plain.append(...heading.childNodes);
    heading.replaceWith(plain);
    await openSearch();
    expect(tile(IDS[0]).querySelector('loupe-tile-title')).toBeNull();
    const section = panelRoot(IDS[0]).querySelector('[data-loupe-section="score"]') as HTMLElement;
    expect(section.querySelector('button')?.textContent).toBe(`Score ${section.dataset.score}/100`);
    expect(tile(IDS[1]).querySelector('.job-tile-title loupe-tile-title')).not.toBeNull();
  });
});

describe('job score chip', () => {
  it('bands the total: 70 and up is high, under 40 is low', () => {
    expect([0, 39, 40, 69, 70, 100].map(scoreBand)).toEqual(['low', 'low', 'mid', 'mid', 'high', 'high']);
  });

  it('opens the breakdown towards the side of the window with room for it', () => {
    expect(breakdownAlign(100, 180, 1280)).toBe('start');
    expect(breakdownAlign(900, 980, 1280)).toBe('end');
    // A chip wider than the left half on a narrow window: its middle decides.
    expect(breakdownAlign(150, 250, 360)).toBe('end');
  });
});
