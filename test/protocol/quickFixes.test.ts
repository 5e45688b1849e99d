import * as assert from 'assert';
import { CodeAction, DidChangeConfigurationNotification } from 'vscode-languageserver-protocol/node';
import { dedent } from '../support/engine';
import { LspTestClient } from '../support/lspClient';

/** `preferred`: a safe fix of a finding of known origin; a parameter of unknown origin or an unsafe fix is offered, not preferred. */
const headline: { ruleId: string; title: string; preferred: boolean; code: string; fixed: string }[] = [
  {
    ruleId: 'PSG101',
    title: 'Parameterize query',
    preferred: false,
    code: dedent(`
      import sqlite3
      def find(username):
          conn = sqlite3.connect("app.db")
          return conn.execute(f"SELECT * FROM users WHERE username = '{username}'").fetchall()
    `),
    fixed: dedent(`
      import sqlite3
      def find(username):
          conn = sqlite3.connect("app.db")
          return conn.execute("SELECT * FROM users WHERE username = ?", (username,)).fetchall()
    `),
  },
  {
    ruleId: 'PSG201',
    title: 'Redact the secret from the log line',
    preferred: true,
    code: dedent(`
      import logging
      logger = logging.getLogger(__name__)
      def connect(user, password):
          logger.info("Connecting as %s with password %s", user, password)
    `),
    fixed: dedent(`
      import logging
      logger = logging.getLogger(__name__)
      def connect(user, password):
          logger.info("Connecting as %s with password %s", user, "***")
    `),
  },
  {
    ruleId: 'PSG401',
    title: 'Add path containment (raises ValueError for a path outside the folder)',
    preferred: false,
    code: dedent(`
      import os
      BASE_DIR = "/var/app/files"
      def read(filename):
          with open(os.path.join(BASE_DIR, filename)) as handle:
              return handle.read()
    `),
    fixed: dedent(`
      import os
      from pathlib import Path
      BASE_DIR = "/var/app/files"
      def read(filename):
          candidate = os.path.join(BASE_DIR, filename)
          if not Path(candidate).resolve().is_relative_to(Path(BASE_DIR).resolve()):
              raise ValueError("path escapes the base directory")
          with open(candidate) as handle:
              return handle.read()
    `),
  },
];

describe('language server over stdio', function () {
  this.timeout(60000);
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  for (const c of headline) {
    it(`${c.ruleId}: diagnostic → "${c.title}" → edit → diagnostic cleared`, async () => {
      const uri = `file:///protocol/${c.ruleId}.py`;
      await client.open(uri, c.code);
      const diagnostics = (await client.diagnostics(uri, 1)).filter((d) => d.code === c.ruleId);
      assert.strictEqual(diagnostics.length, 1);
      const [diagnostic] = diagnostics;
      assert.strictEqual(diagnostic.source, 'Python Security Guide');
      assert.match(diagnostic.codeDescription?.href ?? '', new RegExp(`docs/rules/${c.ruleId}\\.md$`));
      const actions = await client.codeActions(uri, [diagnostic]);
      const fix = actions.find((a): a is CodeAction => 'kind' in a && a.title === c.title);
      assert.ok(fix, `no "${c.title}" among ${actions.map((a) => a.title).join(', ')}`);
      assert.strictEqual(fix.kind, 'quickfix');
      assert.strictEqual(fix.isPreferred === true, c.preferred);
      const version = await client.applyAction(uri, fix);
      assert.strictEqual(client.text(uri), c.fixed);
      const after = await client.diagnostics(uri, version);
      assert.deepStrictEqual(
        after.map((d) => d.code),
        [],
      );
    });
  }

  it('typing an edit incrementally brings a finding back and the suppression action silences it', async () => {
    const uri = 'file:///protocol/incremental.py';
    const code = 'import logging\n\ndef f(token):\n    logging.info("start")\n';
    await client.open(uri, code);
    assert.deepStrictEqual(await client.diagnostics(uri, 1), []);
    // Type `, token` inside the call, one character at a time.
    let version = 1;
    const insertAt = { line: 3, character: '    logging.info("start"'.length };
    for (const [i, ch] of [...', token'].entries()) {
      version = await client.edit(
        uri,
        {
          start: { ...insertAt, character: insertAt.character + i },
          end: { ...insertAt, character: insertAt.character + i },
        },
        ch,
      );
    }
    assert.strictEqual(client.text(uri), 'import logging\n\ndef f(token):\n    logging.info("start", token)\n');
    const diagnostics = await client.diagnostics(uri, version);
    assert.deepStrictEqual(
      diagnostics.map((d) => d.code),
      ['PSG201'],
    );
    const suppress = (await client.codeActions(uri, diagnostics)).find(
      (a) => a.title === 'Suppress PSG201 on this line',
    ) as CodeAction;
    assert.ok(suppress);
    version = await client.applyAction(uri, suppress);
    assert.match(client.text(uri), /logging\.info\("start", token\) {2}# psg-ignore: PSG201 -- /);
    assert.deepStrictEqual(await client.diagnostics(uri, version), []);
  });

  it('"fix all in file" (source.fixAll.pythonSecurityGuide) applies only safe fixes of findings of known origin', async () => {
    const uri = 'file:///protocol/fixall.py';
    const code = dedent(`
      import hashlib, logging, sqlite3, requests
      from flask import request
      def handler(db: sqlite3.Connection, stream):
          name = request.args["name"]
          rows = db.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall()
          logging.info("login with password %s", request.form["password"])
          data = requests.get(name)
          tag = hashlib.md5(stream).hexdigest()
          return rows, db.execute("SELECT * FROM t WHERE x = '%s'" % stream)
    `);
    await client.open(uri, code);
    const diagnostics = await client.diagnostics(uri, 1);
    const actions = await client.codeActions(uri, diagnostics);
    const quickFixes = actions.filter(
      (a): a is CodeAction => 'kind' in a && a.kind === 'quickfix' && !a.title.startsWith('Suppress'),
    );
    // Safe fixes of a known origin are preferred; unsafe ones say what changes and are never preferred; a fix of a low-confidence finding is offered, not preferred.
    const byTitle = new Map(quickFixes.map((a) => [a.title, a.isPreferred === true]));
    assert.strictEqual(byTitle.get('Redact the secret from the log line'), true);
    assert.strictEqual(byTitle.get('Add timeout=10 (a slow server now raises a timeout)'), false);
    const parameterize = quickFixes.filter((a) => a.title === 'Parameterize query').map((a) => a.isPreferred === true);
    assert.deepStrictEqual(
      parameterize,
      [true, false],
      'the request value is preferred, the parameter of unknown origin is not',
    );
    const sourceActions = await client.codeActions(uri, [], ['source.fixAll']);
    assert.strictEqual(byTitle.get('Use SHA-256 (changes the digest)'), false);
    assert.deepStrictEqual(
      sourceActions.map((a) => [a.title, a.kind]),
      [['Apply 2 security fixes in this file', 'source.fixAll.pythonSecurityGuide']],
    );
    const quickFixesOnly = await client.codeActions(uri, diagnostics.slice(0, 1), ['quickfix']);
    assert.ok(!quickFixesOnly.some((a) => a.kind === 'source.fixAll.pythonSecurityGuide'));
    const version = await client.applyAction(uri, sourceActions[0]);
    assert.strictEqual(
      client.text(uri),
      dedent(`
        import hashlib, logging, sqlite3, requests
        from flask import request
        def handler(db: sqlite3.Connection, stream):
            name = request.args["name"]
            rows = db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchall()
            logging.info("login with password %s", "***")
            data = requests.get(name)
            tag = hashlib.md5(stream).hexdigest()
            return rows, db.execute("SELECT * FROM t WHERE x = '%s'" % stream)
      `),
    );
    // Left: the timeout and the digest (unsafe), the SSRF (no fix) and the query built from a parameter (low confidence).
    const left = (await client.diagnostics(uri, version)).map((d) => d.code);
    assert.ok(left.includes('PSG520') && left.includes('PSG310') && left.includes('PSG101'), left.join(', '));
  });

  it('with fix.unsafe on, fix-all applies unsafe fixes too, still not those of low-confidence findings', async () => {
    const other = await LspTestClient.start({ settings: { pythonSecurityGuide: { fix: { unsafe: true } } } });
    try {
      const uri = 'file:///protocol/fixall-unsafe.py';
      await other.open(
        uri,
        dedent(`
        import requests, sqlite3
        response = requests.get(URL)
        def handler(db: sqlite3.Connection, stream):
            return db.execute("SELECT * FROM t WHERE x = '%s'" % stream)
      `),
      );
      await other.diagnostics(uri, 1);
      const [fixAll] = await other.codeActions(uri, [], ['source.fixAll']);
      assert.strictEqual(fixAll?.title, 'Apply 1 security fix in this file');
      await other.applyAction(uri, fixAll);
      assert.match(other.text(uri), /requests\.get\(URL, timeout=10\)/);
      assert.match(other.text(uri), /% stream\)/, 'the low-confidence SQL finding is left for review');
    } finally {
      await other.stop();
    }
  });

  it('a full-text change is analysed like an incremental one', async () => {
    const uri = 'file:///protocol/full.py';
    await client.open(uri, 'x = 1\n');
    assert.deepStrictEqual(await client.diagnostics(uri, 1), []);
    const version = await client.replaceAll(
      uri,
      'import os\ndef f(name):\n    os.remove(os.path.join("/srv", name))\n',
    );
    assert.deepStrictEqual(
      (await client.diagnostics(uri, version)).map((d) => d.code),
      ['PSG401'],
    );
  });

  it('a settings change applies to open documents without a restart', async () => {
    const settings: Record<string, unknown> = { pythonSecurityGuide: { rules: {} } };
    const other = await LspTestClient.start({ settings });
    try {
      const uri = 'file:///protocol/settings.py';
      await other.open(uri, 'import logging\nlogging.info("pw=%s", password)\n');
      const before = await other.diagnostics(uri, 1);
      assert.deepStrictEqual(
        before.map((d) => [d.code, d.severity]),
        [['PSG201', 2]],
      );
      settings.pythonSecurityGuide = { rules: { PSG201: 'error' } };
      await other.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await other.diagnosticsWhere(uri, (d) => d.length === 1 && d[0].severity === 1);
      settings.pythonSecurityGuide = { rules: { PSG201: 'off' } };
      await other.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
      await other.diagnosticsWhere(uri, (d) => d.length === 0);
    } finally {
      await other.stop();
    }
  });

  it('a rule disabled in the settings is not reported', async () => {
    const other = await LspTestClient.start({ settings: { pythonSecurityGuide: { rules: { PSG201: 'off' } } } });
    try {
      const uri = 'file:///protocol/disabled.py';
      await other.open(uri, 'import logging\nlogging.info("pw=%s", password)\n');
      assert.deepStrictEqual(await other.diagnostics(uri, 1), []);
    } finally {
      await other.stop();
    }
  });

  it('requirements.txt and pyproject.toml get the dependency rule; other non-Python documents get nothing', async () => {
    const requirements = 'file:///protocol/requirements.txt';
    await client.open(requirements, 'flask==3.0.0\nrequests\n', 'pip-requirements');
    const found = await client.diagnostics(requirements, 1);
    assert.deepStrictEqual(
      found.map((d) => [d.code, d.range.start.line]),
      [['PSG801', 1]],
    );
    const pyproject = 'file:///protocol/pyproject.toml';
    await client.open(pyproject, '[project]\nname = "x"\ndependencies = ["click"]\n', 'toml');
    assert.deepStrictEqual(
      (await client.diagnostics(pyproject, 1)).map((d) => d.code),
      ['PSG801'],
    );
    // Python-looking text in a document that is neither Python nor a file-rule file is left alone.
    const notes = 'file:///protocol/notes.env.example';
    await client.open(notes, 'PASSWORD = "hunter2hunter2"\n', 'plaintext');
    assert.deepStrictEqual(await client.diagnostics(notes, 1), []);
  });
});
