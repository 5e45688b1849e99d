import * as assert from 'assert';
import fc from 'fast-check';
import { applyEdits } from '../../server/src/core/text';
import type { TextEdit } from '../../server/src/ruleApi/types';
import { testEngine } from '../support/engine';

const program = [
  'import sqlite3',
  'def find(conn, name):',
  '    cur = conn.cursor()',
  `    cur.execute("SELECT * FROM t WHERE n = '%s'" % name)`,
  '    return [row for row in cur.fetchall() if row]\r',
  'class A:\r',
  '    x = "é"  # a comment',
  '',
].join('\n');

describe('incremental reparse (fix verification)', () => {
  it('gives the tree a fresh parse gives, for any non-overlapping edits', async () => {
    const { parser } = await testEngine();
    const original = parser.parse(program);
    try {
      const edit = fc
        .tuple(
          fc.nat(program.length),
          fc.nat(8),
          fc.constantFrom('', 'x', '\n', '\n    ', '(', '"', '%s', 'é', '\r\n', ', ?'),
        )
        .map(([start, length, newText]) => ({ start, end: Math.min(program.length, start + length), newText }));
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (drawn: TextEdit[]) => {
          const edits: TextEdit[] = [];
          for (const e of [...drawn].sort((a, b) => a.start - b.start))
            if (!edits.length || e.start >= edits[edits.length - 1].end) edits.push(e);
          const fixed = applyEdits(program, edits);
          const incremental = parser.reparse(original, program, edits, fixed);
          const fresh = parser.parse(fixed);
          try {
            assert.strictEqual(incremental.rootNode.toString(), fresh.rootNode.toString());
          } finally {
            incremental.delete();
            fresh.delete();
          }
        }),
        { numRuns: 200, seed: 7 },
      );
      // The original tree is untouched and still usable.
      assert.strictEqual(original.rootNode.text, program);
    } finally {
      original.delete();
    }
  });
});
