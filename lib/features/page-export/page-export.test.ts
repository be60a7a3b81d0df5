// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { IDS, openSearch, page, withPowerPage } from '../../../tests/unit/page/power-page';
import { settle, userClick } from '../../../tests/unit/page/support';

withPowerPage();

describe('export this page', () => {
  it('downloads the jobs on the page as CSV, in page order', async () => {
    await openSearch();
    const bar = document.querySelector('loupe-page-export')?.shadowRoot as ShadowRoot;
    expect(bar.textContent).toContain('3 jobs on this page');
    const csvButton = [...bar.querySelectorAll('button')].find((b) => b.textContent === 'Export CSV') as HTMLButtonElement;
    csvButton.click();
    await settle();
    expect(page.worker.files).toEqual([]);
    userClick(csvButton);
    await settle();
    // The worker saves it (downloads API): no link to a blob ever enters the page.
    expect(document.querySelector('a[download]')).toBeNull();
    expect(page.worker.files.map((file) => file.fileName)).toEqual([expect.stringMatching(/^loupe-jobs-\d{4}-\d{2}-\d{2}\.csv$/)]);
    const text = page.worker.files[0]?.text ?? '';
    const lines = text.trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]?.startsWith('Job id,Link,Title')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([...IDS]);
  });
});
