// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import {
  IDS,
  isDimmed,
  isHidden,
  noLoupeAttributes,
  openSearch,
  page,
  panelRoot,
  SEARCH,
  saveSettings,
  stubOf,
  tile,
  withPowerPage,
} from '../../../tests/unit/page/power-page';
import { settle, userClick } from '../../../tests/unit/page/support';
import { runTileCommand } from '../../page/tile-commands';
import { pageSampleDoc } from '../../settings/store';

withPowerPage();

describe('job filters on the page', () => {
  it('collapses hidden jobs into one row above the list; Show brings them back dimmed, each with Hide again', async () => {
    await saveSettings((s) => {
      s.rules.minClientSpend = { enabled: true, action: 'hide', amount: 1_000 };
    });
    await openSearch();
    expect(isHidden(tile(IDS[1]))).toBe(true);
    expect(isHidden(tile(IDS[0]))).toBe(false);
    expect(noLoupeAttributes()).toEqual([]);
    expect(stubOf(IDS[1])).toBeNull();
    const row = document.querySelector('loupe-hidden-jobs') as HTMLElement;
    expect(row.nextElementSibling).toBe(tile(IDS[0]));
    expect(row.shadowRoot?.textContent).toContain('1 job hidden by your rules: Minimum client spend 1');
    const button = () => row.shadowRoot?.querySelector('button') as HTMLButtonElement;
    // A script's click does nothing; a person's does.
    button().click();
    expect(isHidden(tile(IDS[1]))).toBe(true);
    userClick(button());
    await settle();
    expect(isHidden(tile(IDS[1]))).toBe(false);
    expect(isDimmed(tile(IDS[1]))).toBe(true);
    expect(row.shadowRoot?.textContent).toContain('1 job shown although your rules hide them');
    const stub = stubOf(IDS[1]);
    expect(stub?.nextElementSibling).toBe(tile(IDS[1]));
    expect(stub?.shadowRoot?.textContent).toContain('Shown although: Client spent less than $1,000 ($0 so far)');
    userClick(stub?.shadowRoot?.querySelector('button') as HTMLButtonElement);
    await settle();
    expect(isHidden(tile(IDS[1]))).toBe(true);
    expect(stubOf(IDS[1])).toBeNull();
    expect(row.shadowRoot?.textContent).toContain('1 job hidden by your rules');
  });

  it('the show/hide shortcut flips every hidden job at once', async () => {
    await saveSettings((s) => {
      s.rules.minClientSpend = { enabled: true, action: 'hide', amount: 1_000 };
    });
    await openSearch();
    runTileCommand('toggle-hidden-jobs');
    await settle();
    expect(isHidden(tile(IDS[1]))).toBe(false);
    runTileCommand('toggle-hidden-jobs');
    await settle();
    expect(isHidden(tile(IDS[1]))).toBe(true);
  });

  it('re-applies live when the rules change, and dims with a badge', async () => {
    await openSearch();
    expect(IDS.filter((id) => isHidden(tile(id)))).toHaveLength(0);
    await saveSettings((s) => {
      s.rules.maxProposals = { enabled: true, action: 'dim', max: 5 };
    });
    await settle();
    for (const id of IDS) expect(isDimmed(tile(id))).toBe(true);
    expect(noLoupeAttributes()).toEqual([]);
    expect(panelRoot(IDS[0]).querySelector('[data-loupe-badge="rules"]')?.textContent).toBe('Dimmed: 12 proposals already, more than 5');
  });

  it('keeps the list’s jobs for the rules editor’s count, once the list is quiet', async () => {
    await openSearch();
    expect(await pageSampleDoc.get()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const sample = await pageSampleDoc.get();
    expect(sample?.url).toBe(SEARCH.href);
    expect(sample?.jobs.map((job) => job.id)).toEqual([...IDS]);
  });

  it('leaves nothing behind when stopped', async () => {
    await saveSettings((s) => {
      s.rules.minClientSpend = { enabled: true, action: 'hide', amount: 1_000 };
    });
    await openSearch();
    page.life.abort();
    expect(document.querySelectorAll('loupe-filter-stub, loupe-hidden-jobs, mark')).toHaveLength(0);
    expect(IDS.filter((id) => isHidden(tile(id)) || tile(id).getAttribute('style'))).toEqual([]);
  });
});
