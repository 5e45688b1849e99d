import * as assert from 'assert';
import { LspClient } from '../support/lspServerProcess';
import { comparable } from '../robustness/editFuzz';

/**
 * Documents over the size checked inline publish their findings at once, then (once typing
 * pauses) again with checked fixes and, when the incremental parse recovered from syntax errors,
 * from a fresh parse. The final diagnostics must be those of opening the same text afresh.
 */
function largeDocument(): string {
  const parts = ['import hashlib', 'import subprocess', 'import sqlite3', ''];
  for (let i = 0; i < 120; i++) {
    // Findings in one function of ten; the others are the bulk of the text.
    const risky = i % 10 === 0;
    parts.push(
      `def handler_${i}(conn, name, cmd):`,
      risky
        ? `    digest = hashlib.md5(name.encode()).hexdigest()`
        : `    digest = hashlib.sha256(name.encode()).hexdigest()`,
      risky
        ? `    conn.execute(f"SELECT * FROM t{i} WHERE name = '{name}'")`
        : `    conn.execute("SELECT * FROM t${i} WHERE name = ?", (name,))`,
      risky ? `    subprocess.run(cmd, shell=True)` : `    subprocess.run([cmd, "--version"])`,
      `    return digest`,
      '',
    );
  }
  return parts.join('\n');
}

describe('large documents over stdio', function () {
  this.timeout(120_000);
  let client: LspClient;

  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('end, after syntax errors typed and removed, with the diagnostics of a fresh open', async () => {
    const text = largeDocument();
    assert.ok(text.length > 20_000);
    const uri = 'untitled:large.py';
    await client.open(uri, text);
    const opened = await client.complete(uri, 1);
    assert.ok(opened.length >= 24, `${opened.length} diagnostics`);
    assert.ok(
      opened.some((d) => (d.data as { fix?: unknown } | undefined)?.fix),
      'checked fixes are published',
    );

    // Type `(` inside a function body (a syntax error), then a name, then delete both.
    const line = text.split('\n').findIndex((l) => l.includes('def handler_60('));
    const at = { line: line + 1, character: 4 };
    await client.change(uri, 2, [{ range: { start: at, end: at }, text: '(' }]);
    const provisional = await client.diagnostics(uri, 2);
    assert.ok(provisional.length > 0);
    await client.change(uri, 3, [
      { range: { start: { line: at.line, character: 5 }, end: { line: at.line, character: 5 } }, text: 'x' },
    ]);
    const broken = await client.complete(uri, 3);
    const brokenText = text.split('\n');
    brokenText[at.line] = `    (x${brokenText[at.line].slice(4)}`;
    const reference = 'untitled:reference.py';
    await client.open(reference, brokenText.join('\n'));
    assert.deepStrictEqual(comparable(broken), comparable(await client.complete(reference, 1)));
    await client.close(reference);

    await client.change(uri, 4, [{ range: { start: at, end: { line: at.line, character: 6 } }, text: '' }]);
    assert.deepStrictEqual(comparable(await client.complete(uri, 4)), comparable(opened));
  });
});
