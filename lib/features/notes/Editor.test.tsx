// @vitest-environment happy-dom
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { byTestId, click, mount, type, withEditors } from '../../../tests/unit/power/editors';
import { notesDoc } from '../../settings/store';
import { NotesList } from './Editor';

withEditors();

describe('notes list', () => {
  it('filters notes by tag and edits one', async () => {
    await notesDoc.write({
      entries: [
        { target: 'client', key: 'org-1', text: 'Pays fast', tags: ['good'], label: 'Client in Oslo', updatedAt: 2 },
        { target: 'job', key: '99', text: 'Applied', tags: ['applied'], label: 'React job', updatedAt: 1 },
      ],
    });
    await mount(<NotesList />);
    expect(byTestId('notes-count').textContent).toBe('2 of 2 notes');
    const filter = byTestId<HTMLSelectElement>('notes-tag-filter');
    await act(async () => {
      filter.value = 'applied';
      filter.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(byTestId('notes-count').textContent).toBe('1 of 2 notes');
    await type(byTestId<HTMLTextAreaElement>('note-0-text'), 'Applied, waiting');
    await click(byTestId('note-0-save'));
    expect((await notesDoc.get()).entries.find((n) => n.key === '99')?.text).toBe('Applied, waiting');
  });
});
