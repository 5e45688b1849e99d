import * as assert from 'assert';
import { testWhole } from '../../server/src/engine/passes';
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
});
