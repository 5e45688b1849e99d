import * as assert from 'assert';
import { TextHash } from '../../server/src/core/hash';

describe('TextHash (FNV-1a, 64 bits)', () => {
  it('gives the published FNV-1a 64 values for ASCII text', () => {
    // Test vectors of the FNV reference (http://www.isthe.com/chongo/tech/comp/fnv/).
    assert.strictEqual(new TextHash().digest(), 'cbf29ce484222325:0');
    assert.strictEqual(new TextHash().update('a').digest(), 'af63dc4c8601ec8c:1');
    assert.strictEqual(new TextHash().update('foobar').digest(), '85944171f73967e8:6');
    assert.strictEqual(new TextHash().update('chongo was here!\n').digest(), '46810940eff5f915:17');
  });

  it('hashes UTF-16 code units, and pieces the same as the whole', () => {
    // Computed with Python: FNV-1a 64 over the little-endian UTF-16 code units of 'é😀x'.
    assert.strictEqual(new TextHash().update('é😀x').digest(), 'e6cfdb1990457f1b:4');
    assert.strictEqual(new TextHash().update('foo').update('bar').digest(), new TextHash().update('foobar').digest());
    assert.notStrictEqual(new TextHash().update('ab').digest(), new TextHash().update('ba').digest());
  });
});
