/**
 * A search precise enough to single out one job: the words of its title, as a full-text index
 * sees them. Punctuation and quotes go (they are search syntax), so do Upwork's boolean operators
 * (a title saying "Logo AND website" must not become a query); letters of every script stay.
 */

const OPERATORS = new Set(['and', 'or', 'not', 'to']);
/** A long title's first words single it out; a longer query only costs Upwork more. */
const MAX_WORDS = 12;

export function lookupExpression(title: string): string | null {
  const seen = new Set<string>();
  const words: string[] = [];
  for (const word of title.normalize('NFKC').split(/[^\p{L}\p{N}]+/u)) {
    const lower = word.toLowerCase();
    if (!word || OPERATORS.has(lower) || seen.has(lower)) continue;
    seen.add(lower);
    words.push(word);
    if (words.length === MAX_WORDS) break;
  }
  return words.length > 0 ? words.join(' ') : null;
}
