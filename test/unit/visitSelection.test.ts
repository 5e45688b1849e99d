import * as assert from 'assert';
import { VisitSelection } from '../../server/src/engine/passes';
import { intersects } from '../../server/src/parser/parser';

describe('the visits an incremental pass makes', () => {
  it('selects what meets a range, and of an origin only the visits of its own span', () => {
    const selection = new VisitSelection([{ start: 100, end: 110 }], [{ start: 200, end: 300 }]);
    // The range: what holds it, what is inside it, what overlaps it.
    for (const span of [
      { start: 0, end: 500 },
      { start: 102, end: 104 },
      { start: 95, end: 101 },
    ])
      assert.ok(selection.selects(span), JSON.stringify(span));
    assert.ok(!selection.selects({ start: 110, end: 120 }), 'a span that only touches the range');
    // The origin: its own span only, not the spans inside it or around it.
    assert.ok(selection.selects({ start: 200, end: 300 }));
    for (const span of [
      { start: 210, end: 220 },
      { start: 200, end: 250 },
      { start: 150, end: 300 },
    ])
      assert.ok(!selection.selects(span), JSON.stringify(span));
    assert.strictEqual(selection.firstStart, 100);
  });

  it('selects around an empty origin as around an empty range', () => {
    const selection = new VisitSelection([], [{ start: 50, end: 50 }]);
    assert.deepStrictEqual(selection.origins, []);
    for (const span of [
      { start: 40, end: 60 },
      { start: 50, end: 50 },
      { start: 50, end: 60 },
    ])
      assert.strictEqual(selection.selects(span), intersects(span, { start: 50, end: 50 }), JSON.stringify(span));
    assert.strictEqual(selection.firstStart, 50);
  });

  it('selects nothing when empty', () => {
    const selection = new VisitSelection([]);
    assert.ok(!selection.selects({ start: 0, end: 10 }));
    assert.strictEqual(selection.firstStart, Infinity);
  });
});
