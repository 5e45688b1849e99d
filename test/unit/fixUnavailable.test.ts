import * as assert from 'assert';
import { analyze, testEngine } from '../support/engine';
import { defaultSettings } from '../../server/src/config/settings';

const header = 'import sqlite3\nfrom flask import request\n\n';

describe('why a finding has no fix, as a code', () => {
  it('tells a table name (identifier) from another reason the rule gives (not-here)', async () => {
    const table = await analyze(`${header}def rows(conn):\n    conn.execute(f"SELECT * FROM {request.args['t']}")\n`);
    const byTable = table.findings.find((finding) => finding.ruleId === 'PSG101');
    assert.ok(byTable && !byTable.fix, 'a finding without a fix');
    assert.strictEqual(byTable.fixUnavailableCode, 'identifier', byTable.fixUnavailable);
    assert.match(byTable.message, /allowlist/, 'the advice comes from the code, not from matching the text');

    const many = await analyze(
      `${header}def rows(conn):\n    conn.execute(f"SELECT * FROM t WHERE a = {request.args['a']}", ())\n`,
    );
    const byCall = many.findings.find((finding) => finding.ruleId === 'PSG101');
    assert.ok(byCall && !byCall.fix);
    assert.strictEqual(byCall.fixUnavailableCode, 'not-here', byCall.fixUnavailable);
    assert.doesNotMatch(byCall.message, /allowlist/);
  });

  it('marks a fix left unchecked past the budget as unchecked, and a finding with a fix has no code', async () => {
    const { parser, engine } = await testEngine();
    const query = `    conn.execute(f"SELECT * FROM t WHERE a = {request.args['a']}")\n`;
    // The first fix is always checked: the second one is past a budget of nothing.
    const code = `${header}def rows(conn):\n${query}${query}`;
    const tree = parser.parse(code);
    try {
      const checked = engine.analyze(tree, code, defaultSettings).findings.find((f) => f.ruleId === 'PSG101');
      assert.ok(checked?.fix);
      assert.strictEqual(checked.fixUnavailableCode, undefined);
      const unchecked = engine
        .analyze(tree, code, defaultSettings, { verificationBudget: 0 })
        .findings.filter((f) => f.ruleId === 'PSG101')[1];
      assert.ok(unchecked && !unchecked.fix);
      assert.strictEqual(unchecked.fixUnavailableCode, 'unchecked', unchecked.fixUnavailable);
    } finally {
      tree.delete();
    }
  });
});
