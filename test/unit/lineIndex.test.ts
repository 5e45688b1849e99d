import * as assert from 'assert';
import { LineIndex } from '../../server/src/core/text';
import { seededRandom as random } from '../support/random';

/**
 * `LineIndex.edited` reads again only the lines around a change and moves the rest: after every
 * edit of a random sequence it must give the same lines as an index built from the whole new text.
 * The texts mix `\n`, `\r\n` and lone `\r`, and the edits insert and delete line breaks, so a `\r`
 * and a `\n` meet or part at the edges of the change.
 */

const pieces = ['a', 'bc', ' ', '\n', '\r\n', '\r', 'def f():', '\n\n', '\r\r'];

function randomText(next: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += pieces[Math.floor(next() * pieces.length)];
  return text;
}

/** Everything the index answers about `text`, for comparison. */
function linesOf(index: LineIndex): unknown {
  const text = index.text;
  const lines = [];
  for (let line = 0; line < index.lineCount; line++) lines.push([index.lineStart(line), index.lineText(line)]);
  const positions = [];
  for (let offset = 0; offset <= text.length; offset++) positions.push(index.position(offset));
  return { count: index.lineCount, lines, positions };
}

describe('LineIndex', () => {
  it('finds lines ending at \\n, \\r\\n and a lone \\r', () => {
    const index = new LineIndex('a\nb\r\nc\rd');
    assert.strictEqual(index.lineCount, 4);
    assert.deepStrictEqual(
      [0, 1, 2, 3].map((line) => index.lineText(line)),
      ['a', 'b', 'c', 'd'],
    );
    assert.deepStrictEqual(index.position(4), { line: 1, character: 2 });
    assert.strictEqual(index.offset(2, 1), 6);
    assert.strictEqual(index.offset(9, 0), 8);
  });

  it('gives after an edit what an index of the whole new text gives', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed);
      let index = new LineIndex(randomText(next, 20 + Math.floor(next() * 60)));
      for (let step = 0; step < 25; step++) {
        const text = index.text;
        const start = Math.floor(next() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(next() * 4));
        const inserted =
          next() < 0.3 ? '' : randomText(next, 1 + Math.floor(next() * 4)).slice(0, 1 + Math.floor(next() * 5));
        const edited = text.slice(0, start) + inserted + text.slice(end);
        index = index.edited(edited, start, end, inserted.length);
        assert.deepStrictEqual(
          linesOf(index),
          linesOf(new LineIndex(edited)),
          `seed ${seed}, step ${step}: ${JSON.stringify(text)} [${start}, ${end}) → ${JSON.stringify(inserted)}`,
        );
      }
    }
  });

  it('keeps the index it was made from as it was', () => {
    const before = new LineIndex('one\ntwo\nthree\n');
    const after = before.edited('one\ntwo\n\nthree\n', 8, 8, 1);
    assert.deepStrictEqual([before.lineCount, before.lineStart(2)], [4, 8]);
    assert.deepStrictEqual([after.lineCount, after.lineStart(3)], [5, 9]);
  });
});
