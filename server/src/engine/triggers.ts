import type { Rule } from '../ruleApi/types';
import { partitionPoint } from '../core/search';

/**
 * A changed range: [start, oldEnd) of the old text became [start, newEnd) of the new one; the rest is equal (shifted).
 */
export interface Dirty {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Where `word` occurs (overlapping occurrences included) in text[from, to), as offsets into the text. */
function occurrencesIn(text: string, word: string, from: number, to: number): number[] {
  // Searching a slice keeps a word that does not occur from costing a search to the end of the text.
  const window = from === 0 && to === text.length ? text : text.slice(from, to);
  const found: number[] = [];
  for (let at = window.indexOf(word); at >= 0; at = window.indexOf(word, at + 1)) found.push(from + at);
  return found;
}

/** Index of the first element of the sorted `list` that is >= `value`. */
function lowerBound(list: readonly number[], value: number): number {
  return partitionPoint(list, (at) => at < value);
}

/**
 * Where each rule trigger word and each name a rule follows references to occurs in a text, kept
 * up to date across edits by searching again only around the changed range: an occurrence that
 * does not overlap the change is in both texts, shifted.
 */
export class TriggerIndex {
  private constructor(private readonly positions: ReadonlyMap<string, readonly number[]>) {}

  static of(rules: readonly Rule[], text: string): TriggerIndex {
    const positions = new Map<string, number[]>();
    for (const rule of rules) {
      for (const word of [...rule.triggers, ...(rule.references?.names ?? [])]) {
        if (!positions.has(word)) positions.set(word, occurrencesIn(text, word, 0, text.length));
      }
    }
    return new TriggerIndex(positions);
  }

  has(word: string): boolean {
    return (this.positions.get(word)?.length ?? 0) > 0;
  }

  /** Where `word` occurs, in order (undefined for a word the index does not follow). */
  occurrences(word: string): readonly number[] | undefined {
    return this.positions.get(word);
  }

  /** The index for `text`, which is `previous` with the range `dirty` changed. */
  edited(previous: string, text: string, dirty: Dirty): TriggerIndex {
    const delta = dirty.newEnd - dirty.oldEnd;
    const positions = new Map<string, number[]>();
    for (const [word, list] of this.positions) {
      // Occurrences overlapping the change start after start - length and before the changed range ends.
      const from = Math.max(0, dirty.start - word.length + 1);
      const before = lowerBound(list, from);
      const after = lowerBound(list, dirty.oldEnd);
      const next = list.slice(0, before);
      next.push(...occurrencesIn(text, word, from, Math.min(text.length, dirty.newEnd + word.length - 1)));
      for (let i = after; i < list.length; i++) next.push(list[i] + delta);
      positions.set(word, next);
    }
    return new TriggerIndex(positions);
  }
}
