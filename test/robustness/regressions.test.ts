import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { defaultSettings } from '../../server/src/config/settings';
import { FIX_VERIFICATION_BUDGET } from '../../server/src/engine/engine';
import { DocumentStore } from '../../server/src/lsp/documentStore';
import { testEngine } from '../support/engine';
import { LspClient } from '../support/lspServerProcess';

describe('regressions found by the robustness checks', () => {
  it('an incremental parse that recovers from errors differently than a fresh parse is settled before analysis', async () => {
    // Found by the edit fuzzer: deleting the first line and a half left an indented first line;
    // the incremental tree joined `text(...)` and `.logger.info(...)` across the line break, a
    // fresh parse does not, and the two gave different diagnostics.
    const { parser } = await testEngine();
    const store = new DocumentStore(parser);
    const before = `from sqlalchemy import text\nstmt = text(f"SELECT * FROM orders WHERE customer = '{customer}' AND total > {minimum}")\n.logger.info("password=%s", password)\n\u{9bc67}'''cursor.execute(\n    "SELECT * FROM users WHERE username = %s",\n    (username,)\n)\n`;
    store.open('untitled:a.py', 1, before);
    store.change('untitled:a.py', 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 6 } }, text: '' },
    ]);
    const document = store.settled('untitled:a.py')!;
    const fresh = parser.parse(document.text);
    try {
      assert.strictEqual(document.tree.rootNode.toString(), fresh.rootNode.toString());
    } finally {
      fresh.delete();
      store.close('untitled:a.py');
    }
  });

  it('an unpacking whose value is an annotation without a value (`a, b = c: int`) is analysed without running out of stack', async () => {
    // Found by the incremental-analysis comparison: the model followed the inner assignment's
    // missing value back to the inner assignment itself, forever.
    const { parser, engine } = await testEngine();
    for (const text of ['a, b = c: int\n', 'x = 1\na, b = c: int\nprint(a)\n', 'def f():\n    a, b = c: int\n']) {
      const tree = parser.parse(text);
      try {
        assert.deepStrictEqual(engine.analyze(tree, text, defaultSettings).ruleErrors, []);
      } finally {
        tree.delete();
      }
    }
  });

  it('fix checks are bounded: past the budget the remaining fixes are withheld with the reason, the first is always checked', async () => {
    // Found by the hostile-input checks: a 100 KB file with 900 fixable findings took minutes,
    // because every fix check re-analyses the whole file.
    const { parser, engine } = await testEngine();
    const chunk = 'import sqlite3\ndef f(conn, user_id):\n    conn.execute("SELECT * FROM t WHERE id = " + user_id)\n';
    const text = chunk.repeat(400);
    const tree = parser.parse(text);
    try {
      const { findings } = engine.analyze(tree, text, defaultSettings);
      assert.strictEqual(findings.length, 400);
      // Checks on the region of each fix cost less than whole-file ones, so more fit in the budget
      // than whole-file checks would (FIX_VERIFICATION_BUDGET / text.length), but not all of them.
      const checked = findings.filter((f) => f.fix).length;
      assert.ok(
        checked >= Math.floor(FIX_VERIFICATION_BUDGET / text.length) && checked < findings.length,
        `${checked} of ${findings.length} checked`,
      );
      assert.ok(
        findings.every((f) => f.fix || /more fixable findings than can be checked/.test(f.fixUnavailable ?? '')),
        'every fix not offered says why',
      );
      const tight = engine.analyze(tree, text, defaultSettings, { verificationBudget: 1 }).findings;
      assert.deepStrictEqual(
        tight.map((f) => !!f.fix),
        tight.map((_, i) => i === 0),
      );
    } finally {
      tree.delete();
    }
  });
});

describe('regressions: the language server', function () {
  this.timeout(120_000);

  it('a client that refuses window/showMessageRequest does not crash the server (a warning about a bad pyproject.toml)', async () => {
    // Found by the hostile-input checks: the warning's request was rejected, the rejection went
    // unhandled and Node ended the server.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-refuse-'));
    const server = await LspClient.start({ refuseMessageRequests: true });
    try {
      fs.writeFileSync(path.join(folder, 'pyproject.toml'), '[tool.python-security-guide]\nrules = 3\n');
      const uri = pathToFileURL(path.join(folder, 'app.py')).href;
      await server.open(uri, 'import sqlite3\nconn.execute("DELETE FROM t WHERE id = " + user_id)\n', 1);
      assert.strictEqual((await server.diagnostics(uri, 1)).length, 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.ok(server.alive, server.serverStderr);
      assert.deepStrictEqual(await server.codeActions('untitled:none.py', []), []);
      assert.ok(server.messages.some((m) => m.message.includes('rules: expected a table')));
    } finally {
      await server.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
