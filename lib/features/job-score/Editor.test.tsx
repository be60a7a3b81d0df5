// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { byTestId, click, mount, type, withEditors } from '../../../tests/unit/power/editors';
import { settingsDoc } from '../../settings/store';
import { ScoreWeightsEditor } from './Editor';

withEditors();

describe('score weights editor', () => {
  it('shows each factor’s share and saves weights', async () => {
    await mount(<ScoreWeightsEditor />);
    // Defaults 3+2+2+2+2+1+2+1 = 15: client spend has 3/15 = 20%.
    expect(byTestId('weight-clientSpend-share').textContent).toBe('20%');
    const slider = byTestId<HTMLInputElement>('weight-clientSpend-input');
    await type(slider, '0');
    expect(byTestId('weight-clientSpend-share').textContent).toBe('off');
    await click(byTestId('score-save'));
    expect((await settingsDoc.get()).score.weights.clientSpend).toBe(0);
  });
});
