import * as assert from 'assert';
import { utf8Length, utf8LengthExceeds } from '../../server/src/core/sizes';

describe('sizes in UTF-8', () => {
  it('counts what Node encodes (Buffer.byteLength), lone surrogates as the replacement character', () => {
    for (const text of ['', 'abc', 'é', '€', '😀', 'a\ud800b', '\udc00', 'x😀é€\n'.repeat(50)])
      assert.strictEqual(utf8Length(text), Buffer.byteLength(text, 'utf8'), JSON.stringify(text));
  });

  it('says whether a text exceeds a limit as counting every byte would, at and around the limit', () => {
    let seed = 3;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const units = ['a', 'é', '€', '😀', '\ud800'];
    for (let round = 0; round < 3000; round++) {
      const text = Array.from({ length: Math.floor(next() * 30) }, () => units[Math.floor(next() * units.length)]).join(
        '',
      );
      const bytes = Buffer.byteLength(text, 'utf8');
      for (const limit of [0, bytes - 1, bytes, bytes + 1, text.length, text.length * 3, Math.floor(next() * 100)])
        assert.strictEqual(utf8LengthExceeds(text, limit), bytes > limit, `${JSON.stringify(text)} against ${limit}`);
    }
  });
});
