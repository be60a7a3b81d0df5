import { useId, useMemo, useState } from 'react';
import { useStoredDoc } from '../../../components/common/useStored';
import { messageOf } from '../../helpers/format';
import { deleteNote, saveNote } from '../../power/actions';
import { normalizeTags, tagCounts } from '../../power/notes';
import { NOTE_TEXT_MAX, type Note } from '../../settings/schema';
import { notesDoc } from '../../settings/store';

function noteTitle(note: Note): string {
  if (note.label) return note.label;
  return note.target === 'client' ? `Client ${note.key}` : `Job ${note.key}`;
}

function NoteRow(props: { note: Note; index: number }) {
  const { note } = props;
  const ids = { text: useId(), tags: useId() };
  const [text, setText] = useState(note.text);
  const [tags, setTags] = useState(note.tags.join(', '));
  const [message, setMessage] = useState('');
  const dirty = text !== note.text || normalizeTags(tags).join('\u0000') !== note.tags.join('\u0000');

  const act = async (action: () => Promise<void>, done: string) => {
    try {
      await action();
      setMessage(done);
    } catch (error) {
      setMessage(messageOf(error));
    }
  };

  return (
    <li className="loupe-note" data-testid={`note-${props.index}`} data-note-target={note.target} data-note-key={note.key}>
      <h3>
        {note.target === 'client' ? 'Client' : 'Job'}: {noteTitle(note)}
      </h3>
      {note.updatedAt > 0 && <p className="loupe-hint">Edited {new Date(note.updatedAt).toLocaleString()}</p>}
      <label htmlFor={ids.text}>Note</label>
      <textarea
        id={ids.text}
        value={text}
        maxLength={NOTE_TEXT_MAX}
        rows={3}
        onChange={(event) => setText(event.currentTarget.value)}
        data-testid={`note-${props.index}-text`}
      />
      <label htmlFor={ids.tags}>Tags (comma-separated)</label>
      <input
        id={ids.tags}
        value={tags}
        maxLength={1_000}
        onChange={(event) => setTags(event.currentTarget.value)}
        data-testid={`note-${props.index}-tags`}
      />
      <div className="loupe-save-bar">
        <button
          type="button"
          disabled={!dirty}
          data-testid={`note-${props.index}-save`}
          onClick={() => void act(() => saveNote({ target: note.target, key: note.key, text, tags, label: note.label }), 'Note saved.')}
        >
          Save note
        </button>
        <button
          type="button"
          data-testid={`note-${props.index}-delete`}
          onClick={() => void act(() => deleteNote(note.target, note.key), 'Note deleted.')}
        >
          Delete note
        </button>
        <span role="status">{message}</span>
      </div>
    </li>
  );
}

/** Every note and tag, searchable; edits here show on Upwork's pages at once. */
export function NotesList() {
  const stored = useStoredDoc(notesDoc);
  const [query, setQuery] = useState('');
  const [tag, setTag] = useState('');
  const ids = { heading: useId(), search: useId(), tag: useId() };

  const notes = stored.status === 'ready' ? stored.value : { entries: [] };
  const tags = useMemo(() => tagCounts(notes), [notes]);
  const shown = useMemo(() => {
    const needle = query.trim().toLocaleLowerCase();
    return [...notes.entries]
      .filter((note) => tag === '' || note.tags.some((t) => t.toLocaleLowerCase() === tag.toLocaleLowerCase()))
      .filter((note) => needle === '' || `${note.text}\n${note.label}\n${note.tags.join(' ')}`.toLocaleLowerCase().includes(needle))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }, [notes, query, tag]);

  return (
    <section className="loupe-power-section" aria-labelledby={ids.heading} data-testid="notes-list">
      <h2 id={ids.heading}>Notes and tags</h2>
      {stored.status === 'loading' && <p role="status">Loading…</p>}
      {stored.status === 'error' && <p role="alert">{stored.message}</p>}
      <div className="loupe-inline-form">
        <label htmlFor={ids.search}>Search notes</label>{' '}
        <input
          id={ids.search}
          type="search"
          value={query}
          onChange={(event) => setQuery(event.currentTarget.value)}
          data-testid="notes-search"
        />{' '}
        <label htmlFor={ids.tag}>Tag</label>{' '}
        <select id={ids.tag} value={tag} onChange={(event) => setTag(event.currentTarget.value)} data-testid="notes-tag-filter">
          <option value="">All tags</option>
          {tags.map((entry) => (
            <option key={entry.tag} value={entry.tag}>
              {entry.tag} ({entry.count})
            </option>
          ))}
        </select>
      </div>
      <p role="status" data-testid="notes-count">
        {stored.status === 'ready' &&
          (notes.entries.length === 0
            ? 'No notes yet. Add notes to clients and jobs on Upwork.'
            : `${shown.length} of ${notes.entries.length} notes`)}
      </p>
      <ul className="loupe-notes">
        {shown.map((note, index) => (
          <NoteRow key={`${note.target}:${note.key}:${note.updatedAt}`} note={note} index={index} />
        ))}
      </ul>
    </section>
  );
}
