import { describe, expect, it } from 'vitest';
import { defaultsOf, parseStored } from '../../../lib/settings/fields';
import { defaultSettings, notesSpec, settingsSpec } from '../../../lib/settings/schema';
import { corrupt } from './corrupt';

describe('parseStored (per-field fallback)', () => {
  it('reads a valid value unchanged and reports nothing', () => {
    const settings = defaultSettings();
    settings.rules.minClientSpend = { enabled: true, action: 'dim', amount: 2_500 };
    settings.highlights = [{ id: 'h1', name: 'Mine', color: 'green', terms: 'react', enabled: true }];
    expect(parseStored(settingsSpec, structuredClone(settings))).toEqual({ value: settings, issues: [] });
  });

  it('resets one corrupt field alone and says which', () => {
    const stored = corrupt(defaultSettings(), ['rules', 'minClientSpend'], { enabled: true, action: 'hide', amount: 'abc' });
    stored.rules.maxProposals = { enabled: true, action: 'dim', max: 7 };
    const { value, issues } = parseStored(settingsSpec, stored);
    expect(value.rules.minClientSpend).toEqual({ enabled: true, action: 'hide', amount: 1_000 });
    expect(value.rules.maxProposals).toEqual({ enabled: true, action: 'dim', max: 7 });
    expect(issues).toEqual([
      {
        path: 'rules.minClientSpend.amount',
        label: 'Rules: Minimum client spend: amount',
        message: 'Your “Rules: Minimum client spend: amount” setting was unreadable and was reset to its default.',
      },
    ]);
  });

  it('fills fields that are simply absent (a newer version added them) without reporting', () => {
    const { value, issues } = parseStored(settingsSpec, { rules: { minRating: { enabled: true } } });
    expect(value.rules.minRating).toEqual({ enabled: true, action: 'hide', rating: 4.5 });
    expect(value.score).toEqual(defaultSettings().score);
    expect(issues).toEqual([]);
  });

  it('resets a whole group stored as the wrong type, and reports it once', () => {
    const { value, issues } = parseStored(settingsSpec, { rules: 'oops', score: { weights: { rating: 7 } } });
    expect(value.rules).toEqual(defaultSettings().rules);
    expect(value.score.weights.rating).toBe(7);
    expect(issues.map((i) => i.path)).toEqual(['rules']);
  });

  it('never throws on anything stored', () => {
    for (const raw of [null, undefined, 42, 'x', [], [1, 2], { rules: [] }, { highlights: {} }, { highlights: [null, 5] }]) {
      expect(() => parseStored(settingsSpec, raw)).not.toThrow();
    }
  });

  it('drops unreadable list entries and keeps the rest', () => {
    const { value, issues } = parseStored(settingsSpec, {
      highlights: [
        { id: 'a', name: 'A', color: 'blue', terms: 'x', enabled: true },
        'garbage',
        { id: 'b', color: 'not-a-colour', terms: 'y' },
        { name: 'no id' },
      ],
      rules: { countries: { include: ['France', 7, 'Spain'] } },
    });
    expect(value.highlights).toEqual([
      { id: 'a', name: 'A', color: 'blue', terms: 'x', enabled: true },
      { id: 'b', name: 'Keywords', color: 'yellow', terms: 'y', enabled: true },
    ]);
    expect(value.rules.countries.include).toEqual(['France', 'Spain']);
    expect(issues.map((i) => i.path)).toEqual(['rules.countries.include[]', 'highlights[].color', 'highlights[]']);
  });

  it('keeps every readable note when one entry is broken', () => {
    const { value } = parseStored(notesSpec, {
      entries: [
        { target: 'client', key: 'a', text: 'one', tags: [], label: '', updatedAt: 1 },
        { target: 'client', key: 'b', text: 'two', tags: 'not-a-list', label: '', updatedAt: 'yesterday' },
        42,
      ],
    });
    expect(value.entries.map((n) => [n.key, n.text, n.tags, n.updatedAt])).toEqual([
      ['a', 'one', [], 1],
      ['b', 'two', [], 0],
    ]);
  });

  it('gives fresh defaults each time (no shared objects)', () => {
    const a = defaultsOf(settingsSpec);
    a.rules.countries.include.push('X');
    expect(defaultsOf(settingsSpec).rules.countries.include).toEqual([]);
  });
});
