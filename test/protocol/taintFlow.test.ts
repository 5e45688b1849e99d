import * as assert from 'assert';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol/node';
import { dedent } from '../support/engine';
import { LspTestClient } from '../support/lspClient';

describe('protocol: tainted flows', () => {
  let client: LspTestClient;
  afterEach(async () => {
    await client?.stop();
  });

  it('publishes the path from the source to the sink as related information', async () => {
    client = await LspTestClient.start();
    const uri = 'file:///workspace/app/search.py';
    const code = dedent(`
      import sqlite3
      from flask import request

      def normalise(value):
          return value.strip()

      def search():
          term = request.args.get("q", "")
          cleaned = normalise(term)
          db = sqlite3.connect("app.db")
          return db.execute(f"SELECT * FROM items WHERE title = '{cleaned}'").fetchall()
    `);
    await client.open(uri, code);
    const diagnostics = await client.diagnostics(uri, 1);
    const sql = diagnostics.find((d) => d.code === 'PSG101');
    assert.ok(sql, `no PSG101 diagnostic: ${JSON.stringify(diagnostics)}`);
    assert.match(sql.message, /`cleaned` from `request\.args` reaches `db\.execute`/);
    assert.strictEqual((sql.data as { confidence: string }).confidence, 'high');
    const related = sql.relatedInformation ?? [];
    const lines = code.split('\n');
    const shown = related.map((r) => ({
      uri: r.location.uri,
      line: r.location.range.start.line,
      text: lines[r.location.range.start.line].slice(
        r.location.range.start.character,
        r.location.range.end.line === r.location.range.start.line ? r.location.range.end.character : undefined,
      ),
      message: r.message,
    }));
    assert.ok(
      shown.every((r) => r.uri === uri),
      'related information points into the same document',
    );
    assert.deepStrictEqual(
      shown.map((r) => [r.line, r.text]),
      [
        [7, 'request.args'],
        [7, 'term'],
        [8, 'normalise(term)'],
        [8, 'cleaned'],
        [10, `db.execute(f"SELECT * FROM items WHERE title = '{cleaned}'")`],
      ],
    );
    assert.match(shown[0].message, /^1\. untrusted data enters from `request\.args`/);
    assert.match(shown[2].message, /passes through `normalise\(\)`/);
    assert.match(shown[4].message, /reaches `db\.execute`/);
  });

  it('follows taint.unknownOrigin: a value of unknown origin becomes a hint, then disappears', async () => {
    const code =
      'import sqlite3\ndef find(conn: sqlite3.Connection, name):\n    return conn.execute(f"SELECT * FROM users WHERE name = \'{name}\'")\n';
    const uri = 'file:///workspace/app/find.py';
    client = await LspTestClient.start({ settings: { pythonSecurityGuide: { taint: { unknownOrigin: 'hint' } } } });
    await client.open(uri, code);
    const hinted = (await client.diagnostics(uri, 1)).filter((d) => d.code === 'PSG101');
    assert.strictEqual(hinted.length, 1);
    assert.strictEqual(hinted[0].severity, DiagnosticSeverity.Hint);
    assert.strictEqual((hinted[0].data as { confidence: string }).confidence, 'low');
    assert.strictEqual(hinted[0].relatedInformation, undefined, 'no flow is shown when there is no source');
    await client.stop();

    client = await LspTestClient.start({ settings: { pythonSecurityGuide: { taint: { unknownOrigin: 'off' } } } });
    await client.open(uri, code);
    assert.deepStrictEqual(
      (await client.diagnostics(uri, 1)).filter((d) => d.code === 'PSG101'),
      [],
    );
  });
});
