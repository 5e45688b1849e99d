import * as assert from 'assert';
import { partitionPoint } from '../../server/src/core/search';
import { WordSearch } from '../../server/src/core/wordSearch';

describe('partitionPoint (the one binary search)', () => {
  it('counts the leading elements that pass, as a scan from the start would', () => {
    let seed = 1;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 2000; round++) {
      const list = Array.from({ length: Math.floor(next() * 12) }, () => Math.floor(next() * 8)).sort((a, b) => a - b);
      const value = Math.floor(next() * 10) - 1;
      const scanned = list.findIndex((x) => !(x <= value));
      assert.strictEqual(
        partitionPoint(list, (x) => x <= value),
        scanned < 0 ? list.length : scanned,
        `${JSON.stringify(list)} <= ${value}`,
      );
      const firstAtLeast = list.findIndex((x) => x >= value);
      assert.strictEqual(
        partitionPoint(list, (x) => x < value),
        firstAtLeast < 0 ? list.length : firstAtLeast,
      );
    }
  });

  it('is 0 for an empty list and for a list none of whose elements pass', () => {
    assert.strictEqual(
      partitionPoint([], () => true),
      0,
    );
    assert.strictEqual(
      partitionPoint([3, 4], (x) => x < 3),
      0,
    );
  });
});

describe('WordSearch (trigger words in one pass)', () => {
  it('finds exactly the words that String.prototype.includes finds, overlapping and non-ASCII ones included', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    // A small alphabet makes overlaps, prefixes and suffixes of one another common; two non-ASCII units too.
    const alphabet = ['a', 'b', 'c', '.', '(', '\u202e', 'é'];
    const randomText = (max: number) =>
      Array.from({ length: Math.floor(next() * max) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    for (let round = 0; round < 500; round++) {
      const words = [...new Set(Array.from({ length: 1 + Math.floor(next() * 12) }, () => randomText(5)))];
      const search = new WordSearch(words);
      for (let t = 0; t < 10; t++) {
        const text = randomText(40);
        const expected = words.flatMap((word, index) => (text.includes(word) ? [index] : []));
        assert.deepStrictEqual(
          [...search.found(text)].sort((a, b) => a - b),
          expected,
          `${JSON.stringify(words)} in ${JSON.stringify(text)}`,
        );
      }
    }
  });

  it("answers for the rules' real trigger words on Python source as includes does", () => {
    const words = ['request', 'request.form', 'subprocess', 'exec', 'execute', 'yaml.load', '\u202e', 'http://'];
    const text = 'import subprocess\nq = request.args["x"]\ncursor.execute(q)  # http://x \u202e\n';
    const found = new WordSearch(words).found(text);
    assert.deepStrictEqual(
      words.filter((_, index) => found.has(index)),
      words.filter((word) => text.includes(word)),
    );
  });
});
