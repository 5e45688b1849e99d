import * as assert from 'assert';
import { partitionPoint } from '../../server/src/core/search';

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
