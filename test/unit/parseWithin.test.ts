import * as assert from 'assert';
import { Edit } from 'web-tree-sitter';
import { LineIndex } from '../../server/src/core/text';
import type { Tree } from '../../server/src/parser/parser';
import { testEngine } from '../support/engine';

/** A module of `count` small functions with docstrings. */
function module(count: number): string {
  return Array.from(
    { length: count },
    (_, i) => `def helper_${i}(value):\n    """Return the value."""\n    return value + ${i}\n\n\n`,
  ).join('');
}

/** `tree` edited for [start, end) of `text` replaced by `inserted`; the new text. */
function edited(tree: Tree, text: string, start: number, end: number, inserted: string): string {
  const next = text.slice(0, start) + inserted + text.slice(end);
  const before = new LineIndex(text);
  const after = new LineIndex(next);
  const point = (lines: LineIndex, offset: number) => {
    const { line, character } = lines.position(offset);
    return { row: line, column: character };
  };
  tree.edit(
    new Edit({
      startIndex: start,
      oldEndIndex: end,
      newEndIndex: start + inserted.length,
      startPosition: point(before, start),
      oldEndPosition: point(before, end),
      newEndPosition: point(after, start + inserted.length),
    }),
  );
  return next;
}

describe('a parse in slices', () => {
  it('gives the tree of a fresh parse, slice after slice, and starts afresh for another text', async () => {
    const { parser } = await testEngine();
    const text = module(300);
    const original = parser.parse(text);
    // 200 functions pasted after the first: much to parse.
    const pasted = original.copy();
    const next = edited(pasted, text, text.indexOf('def helper_1'), text.indexOf('def helper_1'), module(200));
    let tree: Tree | undefined;
    let slices = 0;
    while (!tree) {
      // No budget: each call makes a few steps of tree-sitter's and stops.
      tree = parser.parseWithin(next, pasted, 0);
      slices++;
    }
    assert.ok(slices > 10, `${slices} slices`);
    assert.strictEqual(tree.rootNode.toString(), parser.parse(next).rootNode.toString());
    // A docstring's closing quote deleted: the rest of the file is parsed again, and is in error. How tree-sitter
    // recovers may differ with the slices (the editor parses such a text afresh once typing pauses).
    const at = text.indexOf('"""', text.indexOf('"""') + 3) + 2;
    const unclosed = original.copy();
    const broken = edited(unclosed, text, at, at + 1, '');
    let recovered: Tree | undefined;
    for (slices = 0; !recovered; slices++) recovered = parser.parseWithin(broken, unclosed, 0);
    assert.ok(slices > 10 && recovered.rootNode.hasError, `${slices} slices`);
    // Stopped for one text, then asked for another: the parse of the other starts from its own old tree.
    const again = original.copy();
    assert.strictEqual(parser.parseWithin(edited(again, text, at, at + 1, ''), again, 0), undefined);
    const restored = original.copy();
    const third = edited(restored, text, 0, 0, '# top\n');
    const done = parser.parseWithin(third, restored, Infinity);
    assert.ok(done);
    assert.strictEqual(done.rootNode.toString(), parser.parse(third).rootNode.toString());
    // `parse` is not stopped by an unfinished one.
    const stopped = original.copy();
    assert.strictEqual(parser.parseWithin(edited(stopped, text, at, at + 1, ''), stopped, 0), undefined);
    assert.strictEqual(parser.parse(text).rootNode.toString(), original.rootNode.toString());
    for (const t of [original, pasted, tree, unclosed, recovered, again, restored, done, stopped]) t.delete();
  });
});
