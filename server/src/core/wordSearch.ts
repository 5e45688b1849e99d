/**
 * Which of a fixed set of words occur in a text, in one pass over it (an Aho–Corasick automaton):
 * the same answer as `text.includes(word)` for each word, without reading the text once per word.
 * Built once for a set of words and used for many texts.
 */
export class WordSearch {
  /** For ASCII code units: the next state for each state and unit, failures already followed. */
  private readonly ascii: Int32Array;
  /** For other code units: the goto edges of each state (failures followed while searching). */
  private readonly other: Map<number, number>[];
  private readonly failure: number[];
  /** The words (indexes into `words`) that end at each state, its failure chain included. */
  private readonly endings: number[][];

  constructor(readonly words: readonly string[]) {
    const edges = [new Map<number, number>()];
    const endings: number[][] = [[]];
    words.forEach((word, index) => {
      let state = 0;
      for (let i = 0; i < word.length; i++) {
        const unit = word.charCodeAt(i);
        let next = edges[state].get(unit);
        if (next === undefined) {
          next = edges.length;
          edges.push(new Map<number, number>());
          endings.push([]);
          edges[state].set(unit, next);
        }
        state = next;
      }
      endings[state].push(index);
    });
    // Breadth first: a state's failure is known before its children's.
    const failure = new Array<number>(edges.length).fill(0);
    const order: number[] = [0];
    for (let head = 0; head < order.length; head++) {
      const state = order[head];
      for (const [unit, next] of edges[state]) {
        order.push(next);
        if (state !== 0) {
          let fallback = failure[state];
          while (fallback !== 0 && !edges[fallback].has(unit)) fallback = failure[fallback];
          failure[next] = edges[fallback].get(unit) ?? 0;
        }
        if (endings[failure[next]].length) endings[next] = [...endings[next], ...endings[failure[next]]];
      }
    }
    const ascii = new Int32Array(edges.length * 128);
    for (const state of order) {
      for (let unit = 0; unit < 128; unit++)
        ascii[state * 128 + unit] = edges[state].get(unit) ?? (state === 0 ? 0 : ascii[failure[state] * 128 + unit]);
    }
    this.ascii = ascii;
    this.other = edges;
    this.failure = failure;
    this.endings = endings;
  }

  /** The indexes (into `words`) of the words that occur in `text`. */
  found(text: string): Set<number> {
    const found = new Set<number>(this.endings[0]); // The empty word, if any, is in every text.
    const { ascii, other, failure, endings } = this;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit < 128) state = ascii[state * 128 + unit];
      else {
        let next = other[state].get(unit);
        while (next === undefined && state !== 0) {
          state = failure[state];
          next = other[state].get(unit);
        }
        state = next ?? 0;
      }
      const ending = endings[state];
      if (ending.length) for (const index of ending) found.add(index);
    }
    return found;
  }
}
