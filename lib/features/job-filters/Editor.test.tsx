// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { byTestId, click, mount, shown, type, withEditors } from '../../../tests/unit/power/editors';
import { makeJob } from '../../../tests/unit/power/job-fixture';
import { defaultSettings } from '../../settings/schema';
import { pageSampleDoc, settingsDoc } from '../../settings/store';
import { RulesEditor } from './Editor';

withEditors();

describe('rules editor', () => {
  it('edits and saves one rule without touching other settings', async () => {
    const settings = defaultSettings();
    settings.score.weights.rating = 9;
    await settingsDoc.write(settings);
    await mount(<RulesEditor />);
    await click(byTestId('rule-minClientSpend-enabled'));
    await type(byTestId<HTMLInputElement>('rule-minClientSpend-amount'), '2,500');
    expect(byTestId('rules-status').textContent).toBe('Unsaved changes.');
    await click(byTestId('rules-save'));
    const saved = await settingsDoc.get();
    expect(saved.rules.minClientSpend).toEqual({ enabled: true, action: 'hide', amount: 2_500 });
    expect(saved.score.weights.rating).toBe(9);
    expect(byTestId('rules-status').textContent).toBe('Saved.');
  });

  it('counts what the draft rules would hide on the last Upwork list, before saving', async () => {
    const jobs = [5, 20, 30].map((applicants, i) => makeJob({ id: String(100 + i), totalApplicants: applicants }));
    await pageSampleDoc.write({ url: 'https://www.upwork.com/nx/search/jobs/?q=react', title: 'React jobs', at: Date.now(), jobs });
    await mount(<RulesEditor />);
    expect(byTestId('rules-live-count').textContent).toContain('would hide 0 and dim 0 of 3 jobs');
    await click(byTestId('rule-maxProposals-enabled'));
    await type(byTestId<HTMLInputElement>('rule-maxProposals-max'), '10');
    expect(byTestId('rules-live-count').textContent).toBe(
      'On your last Upwork list (React jobs, just now), these rules would hide 2 and dim 0 of 3 jobs.',
    );
  });

  it('refuses to save a value that is not a number, saying why', async () => {
    await mount(<RulesEditor />);
    await type(byTestId<HTMLInputElement>('rule-minRating-rating'), 'five');
    expect(byTestId<HTMLInputElement>('rule-minRating-rating').getAttribute('aria-invalid')).toBe('true');
    expect(shown().querySelector('[role="alert"]')?.textContent).toBe('Enter a number, like 1000.');
    expect(byTestId<HTMLButtonElement>('rules-save').disabled).toBe(true);
    await type(byTestId<HTMLInputElement>('rule-minRating-rating'), '6');
    expect(shown().querySelector('[role="alert"]')?.textContent).toBe('Enter 5 or less.');
    await type(byTestId<HTMLInputElement>('rule-minRating-rating'), '4.2');
    expect(byTestId<HTMLButtonElement>('rules-save').disabled).toBe(false);
  });
});
