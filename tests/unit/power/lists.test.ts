import { describe, expect, it } from 'vitest';
import { addBlock, isBlocked, mergeBlockLists, removeBlock } from '../../../lib/power/blocklist';
import { clientIdOf, describeClient } from '../../../lib/power/client-key';
import { findNote, mergeNotes, normalizeTags, setNote, tagCounts } from '../../../lib/power/notes';
import { markSeen, seenIndex } from '../../../lib/power/seen';
import type { Notes } from '../../../lib/settings/schema';
import { makeJob } from './job-fixture';

describe('client identity', () => {
  it('uses only the API id, never a fingerprint', () => {
    expect(clientIdOf(makeJob({}, { companyUid: ' org-9 ' }))).toBe('org-9');
    expect(clientIdOf(makeJob())).toBeNull();
    expect(clientIdOf(makeJob({}, { companyUid: '   ' }))).toBeNull();
  });
  it('describes a client in words for lists', () => {
    expect(describeClient(makeJob().client)).toBe('Client in Berlin, Germany · $12,000 spent · 10 jobs posted');
    expect(describeClient(makeJob({}, { city: null, country: null, totalSpent: null, totalPostedJobs: 1 }).client)).toBe(
      'Client · 1 job posted',
    );
  });
});

describe('block list', () => {
  it('adds, finds and removes a client', () => {
    const list = addBlock({ clients: [] }, { clientId: 'a', label: 'Client in Oslo' }, 1_000);
    expect(isBlocked(list, 'a')).toBe(true);
    expect(isBlocked(list, 'b')).toBe(false);
    expect(isBlocked(removeBlock(list, 'a'), 'a')).toBe(false);
  });
  it('blocking again keeps the first date and updates the reason', () => {
    const first = addBlock({ clients: [] }, { clientId: 'a', reason: 'slow' }, 1_000);
    const again = addBlock(first, { clientId: 'a', reason: 'never pays' }, 5_000);
    expect(again.clients).toEqual([{ clientId: 'a', label: '', reason: 'never pays', addedAt: 1_000 }]);
  });
  it('merges as a union, keeping the earliest known date', () => {
    const mine = { clients: [{ clientId: 'a', label: 'mine', reason: '', addedAt: 500 }] };
    const theirs = {
      clients: [
        { clientId: 'a', label: 'theirs', reason: 'r', addedAt: 900 },
        { clientId: 'b', label: '', reason: '', addedAt: 0 },
      ],
    };
    expect(mergeBlockLists(mine, theirs).clients).toEqual([
      { clientId: 'a', label: 'theirs', reason: 'r', addedAt: 500 },
      { clientId: 'b', label: '', reason: '', addedAt: 0 },
    ]);
  });
});

describe('notes and tags', () => {
  type Note = Notes['entries'][number];
  /** A stored note: empty but for its target, key and what a test sets. */
  const note = (target: Note['target'], key: string, fields: Partial<Note> = {}): Note => ({
    target,
    key,
    text: '',
    tags: [],
    label: '',
    updatedAt: 0,
    ...fields,
  });

  it('sets, replaces and (when emptied) removes a note', () => {
    let notes: Notes = { entries: [] };
    notes = setNote(notes, { target: 'client', key: 'c1', text: 'Pays fast', tags: 'good, fast', label: 'Client in Oslo' }, 10);
    notes = setNote(notes, { target: 'job', key: '123', text: 'Applied', tags: [] }, 11);
    expect(findNote(notes, 'client', 'c1')).toEqual(
      note('client', 'c1', { text: 'Pays fast', tags: ['good', 'fast'], label: 'Client in Oslo', updatedAt: 10 }),
    );
    notes = setNote(notes, { target: 'client', key: 'c1', text: 'Pays very fast', tags: ['good'] }, 20);
    expect(findNote(notes, 'client', 'c1')).toMatchObject({ text: 'Pays very fast', label: 'Client in Oslo', updatedAt: 20 });
    notes = setNote(notes, { target: 'client', key: 'c1', text: '  ', tags: '' }, 30);
    expect(findNote(notes, 'client', 'c1')).toBeNull();
    expect(findNote(notes, 'job', '123')?.text).toBe('Applied');
  });
  it('keeps client and job notes with the same key apart', () => {
    let notes: Notes = { entries: [] };
    notes = setNote(notes, { target: 'client', key: '1', text: 'client', tags: [] }, 1);
    notes = setNote(notes, { target: 'job', key: '1', text: 'job', tags: [] }, 1);
    expect([findNote(notes, 'client', '1')?.text, findNote(notes, 'job', '1')?.text]).toEqual(['client', 'job']);
  });
  it('normalises tags', () => {
    expect(normalizeTags(' urgent, good  client,URGENT,, ')).toEqual(['urgent', 'good client']);
    expect(normalizeTags(['x'.repeat(60)])[0]).toHaveLength(40);
  });
  it('counts tags across notes', () => {
    const notes: Notes = {
      entries: [note('client', 'a', { tags: ['good', 'fast'] }), note('job', 'b', { tags: ['Good'] })],
    };
    expect(tagCounts(notes)).toEqual([
      { tag: 'good', count: 2 },
      { tag: 'fast', count: 1 },
    ]);
  });
  it('merging never loses a note: differing texts are both kept, newer first', () => {
    const mine: Notes = { entries: [note('client', 'a', { text: 'mine', tags: ['x'], label: 'L', updatedAt: 5 })] };
    const theirs: Notes = {
      entries: [note('client', 'a', { text: 'theirs', tags: ['y'], updatedAt: 9 }), note('job', 'j', { text: 'new', updatedAt: 1 })],
    };
    const merged = mergeNotes(mine, theirs);
    expect(findNote(merged, 'client', 'a')).toEqual(
      note('client', 'a', { text: 'theirs\n\nmine', tags: ['y', 'x'], label: 'L', updatedAt: 9 }),
    );
    expect(findNote(merged, 'job', 'j')?.text).toBe('new');
    expect(findNote(mergeNotes(mine, mine), 'client', 'a')?.text).toBe('mine');
  });
});

describe('seen jobs', () => {
  it('records the first sighting and keeps the newest 5,000', () => {
    let seen = markSeen([], ['1', '2'], 100);
    seen = markSeen(seen, ['2', '3'], 200);
    expect(seenIndex(seen).get('2')).toBe(100);
    expect(seenIndex(seen).get('3')).toBe(200);
    expect(markSeen(seen, ['1'], 300)).toBe(seen);
    const many = markSeen(
      [],
      Array.from({ length: 6_000 }, (_, i) => String(i)),
      1,
    );
    expect(many).toHaveLength(5_000);
    expect(seenIndex(many).has('999')).toBe(false);
    expect(seenIndex(many).get('5999')).toBe(1);
  });
});
