import type { HighlightColor, HighlightGroup } from '../settings/schema';
import { matcherFor } from './text-match';

/**
 * Keyword highlights: where each group's keywords occur in a text. The page wraps these ranges in
 * <mark> elements it creates itself (text nodes, never HTML strings).
 */

export interface HighlightRange {
  start: number;
  end: number;
  groupId: string;
  color: HighlightColor;
  term: string;
}

/**
 * Non-overlapping ranges, in text order. Where matches overlap, the one starting first wins, then
 * the longer, then the group listed first.
 */
export function findHighlights(text: string, groups: readonly HighlightGroup[]): HighlightRange[] {
  const candidates: Array<HighlightRange & { order: number }> = [];
  groups.forEach((group, order) => {
    if (!group.enabled) return;
    for (const range of matcherFor(group.terms).ranges(text)) {
      candidates.push({ ...range, groupId: group.id, color: group.color, order });
    }
  });
  candidates.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || a.order - b.order);
  const out: HighlightRange[] = [];
  let reached = 0;
  for (const { order: _order, ...range } of candidates) {
    if (range.start < reached) continue;
    out.push(range);
    reached = range.end;
  }
  return out;
}

export type HighlightSegment = { text: string; highlight: null } | { text: string; highlight: HighlightRange };

/** The text cut at the ranges, for building DOM: plain segments become text nodes, the others <mark>s. */
export function splitByHighlights(text: string, ranges: readonly HighlightRange[]): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start > at) segments.push({ text: text.slice(at, range.start), highlight: null });
    segments.push({ text: text.slice(range.start, range.end), highlight: range });
    at = range.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), highlight: null });
  return segments;
}
