import { describe, expect, it } from 'vitest';
import { syncKinds } from '../../../lib/sync/kinds';

const note = { target: 'client', key: 'c1', text: 'hello', tags: ['a'], label: '', updatedAt: 5 };

describe('entries from another browser are checked like any untrusted input', () => {
  it('takes a well-formed note filed under its own id', () => {
    expect(syncKinds.notes.check('client:c1', note)).toEqual(note);
  });

  it('refuses a note filed under another note’s id, with a field that does not exist, or of the wrong type', () => {
    expect(syncKinds.notes.check('client:other', note)).toBeUndefined();
    expect(syncKinds.notes.check('client:c1', { ...note, html: '<img onerror=alert(1)>' })).toBeUndefined();
    expect(syncKinds.notes.check('client:c1', { ...note, tags: 'a' })).toBeUndefined();
    expect(syncKinds.notes.check('client:c1', JSON.parse('{"__proto__":{"polluted":true},"target":"client","key":"c1"}'))).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('checks rules, score fields and switches field by field', () => {
    expect(syncKinds.rules.check('minRating', { enabled: true, action: 'hide', rating: 4 })).toEqual({
      enabled: true,
      action: 'hide',
      rating: 4,
    });
    expect(syncKinds.rules.check('minRating', { enabled: 'yes' })).toBeUndefined();
    expect(syncKinds.rules.check('noSuchRule', { enabled: true })).toBeUndefined();
    expect(syncKinds.score.check('fullSpendAt', -1)).toBeUndefined();
    expect(syncKinds.settings.check('feature:job-score', false)).toBe(false);
    expect(syncKinds.settings.check('feature:job-score', 'off')).toBeUndefined();
    expect(syncKinds.settings.check('token', 'x')).toBeUndefined();
  });
});
