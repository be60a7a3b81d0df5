import { NOTE_TEXT_MAX, TAG_MAX } from '../settings/limits';
import type { Note, Notes, NoteTarget } from '../settings/schema';

/** Pure edits of notes and tags, by client id or by job id. */

const indexes = new WeakMap<Notes, Map<string, Note>>();
const indexKey = (target: NoteTarget, key: string) => `${target}:${key}`;

function indexOf(notes: Notes): Map<string, Note> {
  let index = indexes.get(notes);
  if (!index) {
    index = new Map(notes.entries.map((entry) => [indexKey(entry.target, entry.key), entry]));
    indexes.set(notes, index);
  }
  return index;
}

export function findNote(notes: Notes, target: NoteTarget, key: string): Note | null {
  return indexOf(notes).get(indexKey(target, key)) ?? null;
}

/** Tags typed as "urgent, good client, urgent" → ['urgent', 'good client']: trimmed, de-duplicated, bounded. */
export function normalizeTags(input: string | readonly string[]): string[] {
  const raw = typeof input === 'string' ? input.split(',') : input;
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tag of raw) {
    const clean = tag.trim().replace(/\s+/g, ' ').slice(0, TAG_MAX);
    const key = clean.toLocaleLowerCase('en');
    if (clean === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(clean);
    if (out.length === 50) break;
  }
  return out;
}

export interface NoteInput {
  target: NoteTarget;
  key: string;
  text: string;
  tags: string | readonly string[];
  label?: string;
}

/** Sets (or, with no text and no tags, removes) one note. */
export function setNote(notes: Notes, input: NoteInput, now: number): Notes {
  const text = input.text.slice(0, NOTE_TEXT_MAX);
  const tags = normalizeTags(input.tags);
  const existing = findNote(notes, input.target, input.key);
  const others = notes.entries.filter((entry) => !(entry.target === input.target && entry.key === input.key));
  if (text.trim() === '' && tags.length === 0) return { entries: others };
  const note: Note = {
    target: input.target,
    key: input.key,
    text,
    tags,
    label: (input.label ?? existing?.label ?? '').slice(0, 500),
    updatedAt: Math.floor(now),
  };
  return { entries: [...others, note] };
}

export function removeNote(notes: Notes, target: NoteTarget, key: string): Notes {
  return { entries: notes.entries.filter((entry) => !(entry.target === target && entry.key === key)) };
}

/** Every tag in use with how many notes carry it, most used first. */
export function tagCounts(notes: Notes): Array<{ tag: string; count: number }> {
  const counts = new Map<string, { tag: string; count: number }>();
  for (const entry of notes.entries) {
    for (const tag of entry.tags) {
      const key = tag.toLocaleLowerCase('en');
      const current = counts.get(key) ?? { tag, count: 0 };
      current.count += 1;
      counts.set(key, current);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/**
 * Union for imports. Where both sides have a note on the same client or job and the texts differ,
 * both texts are kept (newer first), so a merge never throws a note away; tags are united.
 */
export function mergeNotes(current: Notes, imported: Notes): Notes {
  const merged = new Map(current.entries.map((entry) => [indexKey(entry.target, entry.key), entry]));
  for (const entry of imported.entries) {
    const key = indexKey(entry.target, entry.key);
    const mine = merged.get(key);
    if (!mine) {
      merged.set(key, entry);
      continue;
    }
    const [newer, older] = entry.updatedAt >= mine.updatedAt ? [entry, mine] : [mine, entry];
    const text = newer.text.includes(older.text)
      ? newer.text
      : older.text.includes(newer.text)
        ? older.text
        : `${newer.text}\n\n${older.text}`;
    merged.set(key, {
      ...newer,
      text,
      label: newer.label || older.label,
      tags: normalizeTags([...newer.tags, ...older.tags]),
    });
  }
  return { entries: [...merged.values()] };
}
