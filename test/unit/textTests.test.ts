import * as assert from 'assert';
import { testWhole, testWholeAfterEdit } from '../../server/src/engine/passes';
import { seededRandom as random } from '../support/random';

describe('testWhole', () => {
  it('answers as the pattern does whatever its flags, and leaves it ready to test from the start', () => {
    const pieces = ['candidate', 'candidate_2', '_', '2', ' ', '\n', '.', 'é', 'x', '(', 'Candidate'];
    const patterns = [
      /\bcandidate\b/,
      /\bcandidate_2\b/,
      /\bcandidate\b/g,
      /\bcandidate\b/i,
      /\bcandidate\b/y,
      /\bcandidate\b/u,
      /^candidate$/m,
    ];
    let matched = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const next = random(seed);
      let text = '';
      while (text.length < 30) text += pieces[Math.floor(next() * pieces.length)];
      for (const pattern of patterns) {
        const expected = new RegExp(pattern.source, pattern.flags).test(text);
        if (expected) matched++;
        assert.strictEqual(testWhole(pattern, text), expected, `${pattern} in ${JSON.stringify(text)}`);
        assert.strictEqual(pattern.lastIndex, 0);
      }
    }
    assert.ok(matched > 400, `${matched} matches`);
  });

  it('answers after an edit as a test of the whole new text does, whatever the pattern', () => {
    const pieces = ['candidate', 'candidate_2', '_', '2', ' ', '\n', '.', 'é', 'x', '(', 'Candidate', 'date', 'cand'];
    const patterns = [/\bcandidate\b/, /\bcandidate_2\b/, /\bcandidate\b/i, /^candidate$/m, /candidate/];
    const piecesOf = (next: () => number, length: number) => {
      let text = '';
      while (text.length < length) text += pieces[Math.floor(next() * pieces.length)];
      return text;
    };
    let changed = 0;
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const old = piecesOf(next, 40);
      const start = Math.floor(next() * (old.length + 1));
      const oldEnd = start + Math.floor(next() * Math.min(12, old.length - start + 1));
      const inserted = next() < 0.3 ? '' : piecesOf(next, 1 + Math.floor(next() * 10));
      const text = old.slice(0, start) + inserted + old.slice(oldEnd);
      const change = { start, oldEnd, newEnd: start + inserted.length };
      for (const pattern of patterns) {
        const before = new RegExp(pattern.source, pattern.flags).test(old);
        const after = new RegExp(pattern.source, pattern.flags).test(text);
        if (before !== after) changed++;
        assert.strictEqual(
          testWholeAfterEdit(pattern, before, old, text, change),
          after,
          `${pattern}: ${JSON.stringify(old)} → ${JSON.stringify(text)}`,
        );
      }
    }
    assert.ok(changed > 500, `${changed} answers changed by the edits`);
  });
});
