import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findHighlights, splitByHighlights } from '../../../lib/power/highlight';
import { matcherFor, parseTerms, termPattern } from '../../../lib/power/text-match';
import type { HighlightGroup } from '../../../lib/settings/schema';

const group = (id: string, terms: string, extra: Partial<HighlightGroup> = {}): HighlightGroup => ({
  id,
  name: id,
  color: 'yellow',
  terms,
  enabled: true,
  ...extra,
});

describe('parseTerms', () => {
  it('splits on spaces and commas, keeps quoted phrases, drops duplicates', () => {
    expect(parseTerms('react, "next.js  app" Vue react REACT')).toEqual(['react', 'next.js app', 'Vue']);
  });
  it('takes an unclosed quote to the end', () => {
    expect(parseTerms('a "b c')).toEqual(['a', 'b c']);
  });
  it('ignores empty input', () => {
    expect(parseTerms(' , ,, ""')).toEqual([]);
  });
});

describe('term matching', () => {
  it('is whole-word and case-insensitive', () => {
    const matcher = matcherFor('react');
    expect(matcher.found(['Reactive'])).toEqual([]);
    expect(matcher.found(['we use REACT.'])).toEqual(['react']);
  });
  it('matches terms that start or end with symbols', () => {
    expect(matcherFor('c++ .net c#').found(['C++ and ASP.NET and C#'])).toEqual(['c++', '.net', 'c#']);
  });
  it('lets a phrase span any whitespace', () => {
    expect(matcherFor('"data entry"').found(['data\n  entry'])).toEqual(['data entry']);
  });
  it('never lets user text act as a pattern', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (term) => {
        const trimmed = term.trim();
        if (trimmed === '') return;
        // Builds without throwing, and the term (as typed, spaces normalised) matches itself.
        const pattern = new RegExp(termPattern(trimmed.replace(/\s+/g, ' ')), 'iu');
        expect(pattern.test(` ${trimmed} `)).toBe(true);
      }),
    );
    expect(matcherFor('.*').found(['anything at all'])).toEqual([]);
    expect(matcherFor('(a|b)').found(['a'])).toEqual([]);
  });
});

describe('findHighlights', () => {
  const text = 'Senior React Native developer, React and TypeScript';

  it('finds each group’s keywords with its colour', () => {
    const ranges = findHighlights(text, [group('g1', 'typescript', { color: 'green' })]);
    const start = text.indexOf('TypeScript');
    expect(ranges).toEqual([{ start, end: start + 10, groupId: 'g1', color: 'green', term: 'typescript' }]);
  });

  it('never overlaps: the earlier, then longer match wins', () => {
    const ranges = findHighlights(text, [group('short', 'react'), group('long', '"react native"', { color: 'blue' })]);
    expect(ranges.map((r) => [text.slice(r.start, r.end), r.groupId])).toEqual([
      ['React Native', 'long'],
      ['React', 'short'],
    ]);
  });

  it('skips disabled groups and empty keyword lists', () => {
    expect(findHighlights(text, [group('off', 'react', { enabled: false }), group('empty', '')])).toEqual([]);
  });

  it('splits text into plain and highlighted segments that join back to the text', () => {
    const ranges = findHighlights(text, [group('g', 'react senior')]);
    const segments = splitByHighlights(text, ranges);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.highlight).map((s) => s.text)).toEqual(['Senior', 'React', 'React']);
  });

  it('ranges are ordered, in bounds and disjoint for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }), (body, terms) => {
        const ranges = findHighlights(body, [group('a', terms.join(' ')), group('b', terms.slice(1).join(','))]);
        let previousEnd = 0;
        for (const range of ranges) {
          expect(range.start).toBeGreaterThanOrEqual(previousEnd);
          expect(range.end).toBeGreaterThan(range.start);
          expect(range.end).toBeLessThanOrEqual(body.length);
          previousEnd = range.end;
        }
      }),
    );
  });
});
