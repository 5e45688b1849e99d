import type { Rule } from '../rules/types';

/** A changed range: [start, oldEnd) of the old text became [start, newEnd) of the new one; the rest is equal (shifted). */
export interface Dirty {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** Occurrences of `word` (overlapping ones included) in text[from, to). */
function countIn(text: string, word: string, from: number, to: number): number {
  // Searching a slice keeps a word that does not occur from costing a search to the end of the text.
  const window = from === 0 && to === text.length ? text : text.slice(from, to);
  let count = 0;
  for (let at = window.indexOf(word); at >= 0; at = window.indexOf(word, at + 1)) count++;
  return count;
}

/**
 * How often each rule trigger word occurs in a text, kept up to date across edits by recounting
 * only around the changed range: an occurrence that does not overlap the change is in both texts.
 */
export class TriggerIndex {
  private constructor(private readonly counts: ReadonlyMap<string, number>) {}

  static of(rules: readonly Rule[], text: string): TriggerIndex {
    const counts = new Map<string, number>();
    for (const rule of rules) for (const word of rule.triggers) if (!counts.has(word)) counts.set(word, countIn(text, word, 0, text.length));
    return new TriggerIndex(counts);
  }

  has(word: string): boolean {
    return (this.counts.get(word) ?? 0) > 0;
  }

  /** The index for `text`, which is `previous` with the range `dirty` changed. */
  edited(previous: string, text: string, dirty: Dirty): TriggerIndex {
    const counts = new Map<string, number>();
    for (const [word, count] of this.counts) {
      // Occurrences overlapping the change start after start - length and before the changed range ends.
      const from = Math.max(0, dirty.start - word.length + 1);
      const before = countIn(previous, word, from, Math.min(previous.length, dirty.oldEnd + word.length - 1));
      const after = countIn(text, word, from, Math.min(text.length, dirty.newEnd + word.length - 1));
      counts.set(word, count - before + after);
    }
    return new TriggerIndex(counts);
  }
}
