import * as assert from 'assert';
import { CodeAction, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lspClient';

const code = 'import logging\n\ndef connect(user, password):\n    logging.info("login %s %s", user, password)\n';
const fixTitle = 'Redact the secret from the log line';

/** The one `TextDocumentEdit` of a code action sent with `documentChanges`. */
function documentEditOf(action: CodeAction): TextDocumentEdit {
  assert.ok(action.edit, `"${action.title}" carries an edit`);
  assert.strictEqual(action.edit.changes, undefined, `"${action.title}" sends documentChanges, not changes`);
  const changes = action.edit.documentChanges ?? [];
  assert.strictEqual(changes.length, 1);
  assert.ok(TextDocumentEdit.is(changes[0]));
  return changes[0];
}

const byTitle = (actions: CodeAction[], title: string) => actions.find((a) => a.title === title);

describe('code actions send versioned edits (language server over stdio)', function () {
  this.timeout(60000);

  describe('a client that supports documentChanges', () => {
    let client: LspTestClient;
    before(async () => {
      client = await LspTestClient.start();
    });
    after(async () => {
      await client.stop();
    });

    it('quick fix, suppression and fix-all name the version the diagnostics were published for', async () => {
      const uri = 'file:///versioned/published.py';
      await client.open(uri, '# first version\n');
      assert.deepStrictEqual(await client.diagnostics(uri, 1), []);
      // Version 3: the version the edits must name is not the one the document was opened with.
      await client.replaceAll(uri, '# second version\n');
      const version = await client.replaceAll(uri, code);
      assert.strictEqual(version, 3);
      const diagnostics = (await client.diagnostics(uri, version)).filter((d) => d.code === 'PSG201');
      assert.strictEqual(diagnostics.length, 1);
      assert.strictEqual((diagnostics[0].data as { version: number }).version, version);
      const actions = await client.codeActions(uri, diagnostics);
      const fix = byTitle(actions, fixTitle);
      const suppress = byTitle(actions, 'Suppress PSG201 on this line');
      const fixAll = actions.find((a) => a.kind === 'source.fixAll.pythonSecurityGuide');
      assert.ok(fix && suppress && fixAll, actions.map((a) => a.title).join(', '));
      for (const action of [fix, suppress, fixAll]) {
        const edit = documentEditOf(action);
        assert.deepStrictEqual(edit.textDocument, { uri, version }, `"${action.title}"`);
        assert.ok(edit.edits.length > 0);
      }
      const fixed = await client.applyAction(uri, fix);
      assert.match(client.text(uri), /logging\.info\("login %s %s", user, "\*\*\*"\)/);
      assert.deepStrictEqual(await client.diagnostics(uri, fixed), []);
    });

    it('a code action request carrying a diagnostic of an older version gets no action for it', async () => {
      const uri = 'file:///versioned/stale.py';
      await client.open(uri, code);
      const stale = (await client.diagnostics(uri, 1)).filter((d) => d.code === 'PSG201');
      assert.strictEqual(stale.length, 1);
      // Two lines inserted above the finding: the fix computed on version 1 would land two lines too high.
      const version = await client.edit(
        uri,
        { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        '# one\n# two\n',
      );
      const current = (await client.diagnostics(uri, version)).filter((d) => d.code === 'PSG201');
      assert.strictEqual(current.length, 1);
      const quickFixes = (diagnostics: Diagnostic[]) => client.codeActions(uri, diagnostics, ['quickfix']);
      assert.deepStrictEqual(await quickFixes(stale), [], 'no fix and no suppression for the diagnostic of version 1');
      const fresh = await quickFixes(current);
      assert.deepStrictEqual(fresh.map((a) => a.title).sort(), [fixTitle, 'Suppress PSG201 on this line'].sort());
      for (const action of fresh) assert.deepStrictEqual(documentEditOf(action).textDocument, { uri, version });
      // Both at once: only the current one brings actions.
      const mixed = await quickFixes([...stale, ...current]);
      assert.ok(
        mixed.length === 2 &&
          mixed.every(
            (a) => a.diagnostics?.[0]?.data && (a.diagnostics[0].data as { version: number }).version === version,
          ),
      );
      // Fix-all does not depend on the diagnostics' version: it is computed on the current text.
      const [fixAll] = await client.codeActions(uri, [], ['source.fixAll']);
      assert.deepStrictEqual(documentEditOf(fixAll).textDocument, { uri, version });
      await client.applyAction(uri, fixAll);
      assert.match(client.text(uri), /^# one\n# two\nimport logging\n[^]*"\*\*\*"\)\n$/);
    });
  });

  it('a client without documentChanges support gets changes', async () => {
    const client = await LspTestClient.start({ documentChanges: false });
    try {
      const uri = 'file:///versioned/plain.py';
      await client.open(uri, code);
      const diagnostics = (await client.diagnostics(uri, 1)).filter((d) => d.code === 'PSG201');
      const actions = [
        ...(await client.codeActions(uri, diagnostics)),
        ...(await client.codeActions(uri, [], ['source.fixAll'])),
      ];
      assert.deepStrictEqual(
        actions.map((a) => a.title),
        [
          fixTitle,
          'Suppress PSG201 on this line',
          'Apply 1 security fix in this file',
          'Apply 1 security fix in this file',
        ],
      );
      for (const action of actions) {
        assert.strictEqual(action.edit?.documentChanges, undefined, `"${action.title}"`);
        assert.ok(action.edit?.changes?.[uri]?.length, `"${action.title}" sends changes`);
      }
      const version = await client.applyAction(uri, actions[0]);
      assert.deepStrictEqual(await client.diagnostics(uri, version), []);
    } finally {
      await client.stop();
    }
  });
});
