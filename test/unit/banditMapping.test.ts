import * as assert from 'assert';
import { catalog as allRules } from '../../server/src/rules';
import { banditChecks, banditMapping, leftOut } from '../../server/src/rules/bandit';
import { rulesOutsideBanditTests, rulesSkippedByBandit } from '../../server/src/config/settings';

describe('Bandit mapping', () => {
  const known = new Set(banditChecks.map((check) => check.id));

  it('covers every Bandit check with a rule or a written reason', () => {
    const uncovered = banditMapping(allRules).filter((row) => row.rules.length === 0 && !row.reason);
    assert.deepStrictEqual(
      uncovered.map((row) => row.check.id),
      [],
    );
  });

  it('lists the full range of active checks (B101–B113, B201–B202, B301–B325, B401–B415, B501–B509, B601–B615, B701–B704)', () => {
    const ranges: [number, number][] = [
      [101, 113],
      [201, 202],
      [301, 325],
      [401, 415],
      [501, 509],
      [601, 615],
      [701, 704],
    ];
    for (const [from, to] of ranges)
      for (let n = from; n <= to; n++) assert.ok(known.has(`B${n}`), `B${n} is missing from banditChecks`);
  });

  it('has no reason for a check that a rule covers', () => {
    for (const row of banditMapping(allRules)) {
      if (row.rules.length) {
        assert.strictEqual(
          row.reason,
          undefined,
          `${row.check.id} is covered by ${row.rules.join(', ')} but also has a reason to be left out`,
        );
      }
    }
    for (const id of Object.keys(leftOut)) assert.ok(known.has(id), `${id} is not a Bandit check`);
  });

  it('uses only real Bandit ids in rule meta, with the matching Ruff codes', () => {
    const ruffOf = new Map(banditChecks.map((check) => [check.id, check.ruff]));
    for (const rule of allRules) {
      for (const id of rule.meta.bandit) {
        assert.ok(known.has(id), `${rule.meta.id} names unknown Bandit check ${id}`);
        const ruff = ruffOf.get(id);
        if (ruff)
          assert.ok(rule.meta.ruff.includes(ruff), `${rule.meta.id} covers ${id} but does not list Ruff ${ruff}`);
      }
    }
  });

  it('turns a rule off only when all of its Bandit checks are skipped', () => {
    assert.deepStrictEqual(rulesSkippedByBandit(allRules, ['B602']), []);
    assert.deepStrictEqual(rulesSkippedByBandit(allRules, ['B601', 'b602', 'B605', 'B609']), ['PSG102']);
    assert.ok(rulesOutsideBanditTests(allRules, ['B506']).includes('PSG102'));
    assert.ok(!rulesOutsideBanditTests(allRules, ['B506']).includes('PSG702'));
    assert.ok(
      !rulesOutsideBanditTests(allRules, ['B506']).includes('PSG201'),
      'rules without a Bandit equivalent are not affected',
    );
  });
});
