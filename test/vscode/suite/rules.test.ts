import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  applyAction,
  codeActionsAt,
  openFixture,
  ourDiagnostics,
  revertAll,
  waitFor,
  waitForDiagnostic,
  waitForNoDiagnostic,
} from './helpers';

interface HeadlineCase {
  ruleId: string;
  file: string;
  /** The text the diagnostic covers. */
  flagged: string;
  fixTitle: string;
  /** A safe fix of a finding of known origin is preferred; a parameter of unknown origin or an unsafe fix is not. */
  preferred: boolean;
  fixed: string;
}

const headline: HeadlineCase[] = [
  {
    ruleId: 'PSG101',
    file: 'app/users.py',
    flagged: `f"SELECT * FROM users WHERE username = '{username}'"`,
    fixTitle: 'Parameterize query',
    preferred: false,
    fixed: [
      'import sqlite3',
      '',
      '',
      'def find_user(username):',
      '    conn = sqlite3.connect("app.db")',
      '    cur = conn.cursor()',
      '    cur.execute("SELECT * FROM users WHERE username = ?", (username,))',
      '    return cur.fetchone()',
      '',
    ].join('\n'),
  },
  {
    ruleId: 'PSG201',
    file: 'app/login.py',
    flagged: 'password',
    fixTitle: 'Redact the secret from the log line',
    preferred: true,
    fixed: [
      'import logging',
      '',
      'logger = logging.getLogger(__name__)',
      '',
      '',
      'def connect(user, password):',
      '    logger.info(f"Connecting as {user} with password ***")',
      '',
    ].join('\n'),
  },
  {
    ruleId: 'PSG401',
    file: 'app/files.py',
    flagged: 'os.path.join(UPLOAD_DIR, name)',
    fixTitle: 'Add path containment (raises ValueError for a path outside the folder)',
    preferred: false,
    fixed: [
      'import os',
      'from pathlib import Path',
      '',
      'UPLOAD_DIR = "/srv/uploads"',
      '',
      '',
      'def download(name):',
      '    candidate = os.path.join(UPLOAD_DIR, name)',
      '    if not Path(candidate).resolve().is_relative_to(Path(UPLOAD_DIR).resolve()):',
      '        raise ValueError("path escapes the base directory")',
      '    return open(candidate, "rb").read()',
      '',
    ].join('\n'),
  },
];

describe('Python Security Guide in a real VS Code', () => {
  afterEach(revertAll);

  for (const rule of headline) {
    describe(`${rule.ruleId} (${rule.file})`, () => {
      it('publishes its diagnostic on the flagged code', async () => {
        const editor = await openFixture(rule.file);
        const diagnostic = await waitForDiagnostic(editor.document.uri, rule.ruleId);
        assert.strictEqual(editor.document.getText(diagnostic.range), rule.flagged);
        assert.ok(diagnostic.message.length > 20, `message too short: ${diagnostic.message}`);
      });

      it(`offers "${rule.fixTitle}"; applying it gives the expected text and the diagnostic goes`, async () => {
        const editor = await openFixture(rule.file);
        const uri = editor.document.uri;
        const diagnostic = await waitForDiagnostic(uri, rule.ruleId);
        const actions = await codeActionsAt(uri, diagnostic.range);
        const fix = actions.find((action) => action.title === rule.fixTitle);
        assert.ok(fix, `no "${rule.fixTitle}" among ${JSON.stringify(actions.map((action) => action.title))}`);
        assert.strictEqual(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
        assert.strictEqual(fix.isPreferred === true, rule.preferred);
        await applyAction(fix);
        assert.strictEqual(editor.document.getText(), rule.fixed);
        await waitForNoDiagnostic(uri, rule.ruleId);
        assert.deepStrictEqual(ourDiagnostics(uri), [], 'the fixed file still has findings');
      });

      it(`"Suppress ${rule.ruleId} on this line" silences it`, async () => {
        const editor = await openFixture(rule.file);
        const uri = editor.document.uri;
        const diagnostic = await waitForDiagnostic(uri, rule.ruleId);
        const line = diagnostic.range.start.line;
        const before = editor.document.lineAt(line).text;
        const actions = await codeActionsAt(uri, diagnostic.range);
        const suppress = actions.find((action) => action.title === `Suppress ${rule.ruleId} on this line`);
        assert.ok(suppress, `no suppression among ${JSON.stringify(actions.map((action) => action.title))}`);
        await applyAction(suppress);
        const after = editor.document.lineAt(line).text;
        assert.ok(after.startsWith(before), `the suppression changed the code: ${after}`);
        assert.match(after.slice(before.length), new RegExp(`^\\s+#\\s*psg-ignore:\\s*${rule.ruleId}\\b`));
        await waitForNoDiagnostic(uri, rule.ruleId);
      });
    });
  }

  it('analyses edits as they are typed', async () => {
    const editor = await openFixture('app/users.py');
    const uri = editor.document.uri;
    await waitForDiagnostic(uri, 'PSG101');
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) =>
      edit.insert(end, '\n\ndef remove(cur, ident):\n    cur.execute("DELETE FROM users WHERE id = " + ident)\n'),
    );
    await waitFor('a second PSG101 finding for the typed function', () => ourDiagnostics(uri, 'PSG101').length === 2);
  });
});
