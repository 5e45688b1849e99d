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

/** How many times `word` occurs (overlapping occurrences included) in window[from, to). */
function countIn(window: string, word: string, from: number, to: number): number {
  let count = 0;
  for (let at = window.indexOf(word, from); at >= 0 && at + word.length <= to; at = window.indexOf(word, at + 1))
    count++;
  return count;
}

/** Index of the first element of the sorted `list` that is >= `value`. */
function lowerBound(list: readonly number[], value: number): number {
  return partitionPoint(list, (at) => at < value);
}

/**
 * Which rule trigger words occur in a text, how many times, and where each name a rule follows
 * references to occurs, kept up to date across edits by searching again only around the changed
 * range: an occurrence that does not overlap the change is in both texts, shifted. A trigger word
 * is only ever tested for being there, so it keeps a count (an edit costs a search of the changed
 * text, whatever the number of occurrences elsewhere); a followed name keeps its positions.
 */
export class TriggerIndex {
  private constructor(
    private readonly counts: ReadonlyMap<string, number>,
    private readonly positions: ReadonlyMap<string, readonly number[]>,
    private readonly words: CountedWords,
  ) {}

  static of(rules: readonly Rule[], text: string): TriggerIndex {
    const positions = new Map<string, number[]>();
    for (const rule of rules) {
      for (const word of rule.references?.names ?? [])
        if (!positions.has(word)) positions.set(word, occurrencesIn(text, word, 0, text.length));
    }
    const counts = new Map<string, number>();
    for (const rule of rules) {
      for (const word of rule.triggers) {
        if (!positions.has(word) && !counts.has(word)) counts.set(word, countIn(text, word, 0, text.length));
      }
    }
    return new TriggerIndex(counts, positions, countedWords([...counts.keys()]));
  }

  has(word: string): boolean {
    return (this.counts.get(word) ?? this.positions.get(word)?.length ?? 0) > 0;
  }

  /** Where a followed name occurs, in order (undefined for a word the index does not follow). */
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
    // The occurrences of a word that overlap the change, before and after it, are in the changed text widened by the
    // longest word less a character on each side: that much of each text is searched, once.
    const { longest, any } = this.words;
    const from = Math.max(0, dirty.start - longest + 1);
    const oldWindow = previous.slice(from, Math.min(previous.length, dirty.oldEnd + longest - 1));
    const newWindow = text.slice(from, Math.min(text.length, dirty.newEnd + longest - 1));
    // Most edits are near no trigger word: one search of each window tells.
    if (!any.test(oldWindow) && !any.test(newWindow)) return new TriggerIndex(this.counts, positions, this.words);
    // Most edits change no count: the map is copied only when one does.
    let counts: Map<string, number> | undefined;
    this.counts.forEach((count, word) => {
      if (!oldWindow.includes(word) && !newWindow.includes(word)) return;
      // In window positions: the occurrences that start at most a word's length less one before the change...
      const first = Math.max(0, dirty.start - word.length + 1) - from;
      // ...and end at most a word's length less one after it.
      const removed = countIn(oldWindow, word, first, dirty.oldEnd + word.length - 1 - from);
      const added = countIn(newWindow, word, first, dirty.newEnd + word.length - 1 - from);
      if (removed !== added) (counts ??= new Map(this.counts)).set(word, count - removed + added);
    });
    return new TriggerIndex(counts ?? this.counts, positions, this.words);
  }
}

/** The trigger words an index counts, as a whole (shared by every version of the index). */
interface CountedWords {
  /** The longest: an edit searches the changed text widened by it less a character. */
  longest: number;
  /** Matches where any of them occurs (never, for none). */
  any: RegExp;
}

function countedWords(words: readonly string[]): CountedWords {
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return {
    longest: Math.max(1, ...words.map((word) => word.length)),
    any: escaped.length ? new RegExp(escaped.join('|')) : /(?!)/,
  };
}
