// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { byTestId, click, mount, type, withEditors } from '../../../tests/unit/power/editors';
import { settingsDoc } from '../../settings/store';
import { HighlightGroupsEditor } from './Editor';

withEditors();

describe('highlight groups editor', () => {
  it('adds a group and previews marks built as elements', async () => {
    await mount(<HighlightGroupsEditor />);
    await click(byTestId('highlight-add'));
    await type(byTestId<HTMLInputElement>('highlight-group-0-terms'), 'react <b>');
    const marks = [...byTestId('highlight-preview').querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['React']);
    await click(byTestId('highlights-save'));
    expect((await settingsDoc.get()).highlights).toEqual([expect.objectContaining({ terms: 'react <b>', color: 'yellow', enabled: true })]);
  });
});
