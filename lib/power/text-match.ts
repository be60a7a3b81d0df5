/**
 * Keyword matching shared by rules, the score and highlights. Users type keywords the way they type
 * a search: words and "quoted phrases", separated by spaces or commas. Matching is
 * case-insensitive and whole-word; user text is always escaped, never used as a pattern.
 */

export const MAX_TERMS = 200;
export const MAX_TERM_LENGTH = 100;

/** Splits `react, "next.js app" vue` into `['react', 'next.js app', 'vue']`, de-duplicated case-insensitively. */
export function parseTerms(input: string): string[] {
  const terms: string[] = [];
  const seen = new Set<string>();
  const push = (raw: string) => {
    const term = raw.trim().replace(/\s+/g, ' ').slice(0, MAX_TERM_LENGTH);
    const key = term.toLowerCase();
    if (term === '' || seen.has(key) || terms.length >= MAX_TERMS) return;
    seen.add(key);
    terms.push(term);
  };
  let i = 0;
  while (i < input.length) {
    const char = input[i] as string;
    if (char === '"') {
      const close = input.indexOf('"', i + 1);
      // An unclosed quote takes the rest of the line as one phrase.
      const end = close === -1 ? input.length : close;
      push(input.slice(i + 1, end));
      i = end + 1;
    } else if (/[\s,]/.test(char)) {
      i += 1;
    } else {
      let end = i;
      while (end < input.length && !/[\s,"]/.test(input[end] as string)) end += 1;
      push(input.slice(i, end));
      i = end;
    }
  }
  return terms;
}

/** Characters that mean something in a pattern (the `u` flag refuses escapes of anything else). */
const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * One term as a pattern: escaped, inner spaces match any run of whitespace, and a word boundary on
 * each side that starts or ends with a letter or digit (so `c++` and `.net` still match).
 */
export function termPattern(term: string): string {
  const body = term
    .split(' ')
    .map((word) => word.replace(SYNTAX, '\\$&'))
    .join('\\s+');
  const before = WORD_CHAR.test(term[0] ?? '') ? '(?<![\\p{L}\\p{N}_])' : '';
  const after = WORD_CHAR.test(term.at(-1) ?? '') ? '(?![\\p{L}\\p{N}_])' : '';
  return `${before}${body}${after}`;
}

export interface TermMatcher {
  readonly terms: readonly string[];
  /** Which terms occur in any of the texts (in the order the user wrote them). */
  found(texts: readonly string[]): string[];
  /** Every occurrence in one text as [start, end) with the term it matched. */
  ranges(text: string): Array<{ start: number; end: number; term: string }>;
}

function buildMatcher(terms: readonly string[]): TermMatcher {
  const single = terms.map((term) => new RegExp(termPattern(term), 'iu'));
  // Longer terms first, so "react native" wins over "react" where both start.
  const byLength = terms.map((term, index) => ({ term, index })).sort((a, b) => b.term.length - a.term.length);
  const combined = terms.length === 0 ? null : new RegExp(byLength.map(({ term }) => `(${termPattern(term)})`).join('|'), 'giu');
  return {
    terms,
    found: (texts) => terms.filter((_, index) => texts.some((text) => (single[index] as RegExp).test(text))),
    ranges: (text) => {
      if (!combined) return [];
      const out: Array<{ start: number; end: number; term: string }> = [];
      for (const match of text.matchAll(combined)) {
        const group = match.slice(1).findIndex((value) => value !== undefined);
        const entry = byLength[group];
        if (entry === undefined || match[0] === '') continue;
        out.push({ start: match.index, end: match.index + match[0].length, term: entry.term });
      }
      return out;
    },
  };
}

const cache = new Map<string, TermMatcher>();

/** A matcher for a keyword text, cached: rules run on every tile of every page. */
export function matcherFor(input: string): TermMatcher {
  let matcher = cache.get(input);
  if (!matcher) {
    matcher = buildMatcher(parseTerms(input));
    if (cache.size > 100) cache.clear();
    cache.set(input, matcher);
  }
  return matcher;
}
