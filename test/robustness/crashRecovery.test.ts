import * as assert from 'assert';
import type { CloseAction, ErrorAction } from 'vscode-languageclient';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import { RestartPolicy } from '../../client/src/restartPolicy';
import { defaultSettings } from '../../server/src/config/settings';
import { Engine } from '../../server/src/engine/engine';
import { FileEngine } from '../../server/src/engine/fileEngine';
import { DocumentStore } from '../../server/src/lsp/documentStore';
import { EditorSettings } from '../../server/src/lsp/editorSettings';
import { LanguageSession } from '../../server/src/lsp/session';
import { allFileRules, allRules } from '../../server/src/rules';
import type { Rule } from '../../server/src/ruleApi/types';
import { testEngine } from '../support/engine';
import { SettingsResolver } from '../../server/src/config/resolver';
import { nodeFileAccess, useNodeAdvisories } from '../../server/src/workspace/nodeFileAccess';
import { GitIgnoreOracle } from '../../server/src/workspace/gitignore';

// The analysis reads the shipped advisory data through Node here, as the server and the CLI do.
useNodeAdvisories();

// The numeric values of vscode-languageclient's enums (its module needs VS Code to load).
const actions = {
  ErrorAction: { Continue: 1 as ErrorAction, Shutdown: 2 as ErrorAction },
  CloseAction: { DoNotRestart: 1 as CloseAction, Restart: 2 as CloseAction },
};

describe('crash recovery', () => {
  describe('the client restarts a dead server a bounded number of times and says so once', () => {
    it('restarts up to the limit, then stops; one message for the restarts, one for stopping', () => {
      const messages: string[] = [];
      let clock = 0;
      const policy = new RestartPolicy(actions, (m) => messages.push(m), {
        maxRestarts: 4,
        windowMs: 60_000,
        now: () => clock,
      });
      const results = Array.from({ length: 7 }, () => {
        clock += 1000;
        return policy.closed();
      });
      assert.deepStrictEqual(
        results.map((r) => r.action),
        [2, 2, 2, 2, 1, 1, 1],
      );
      assert.ok(results.every((r) => r.handled));
      assert.strictEqual(messages.length, 2, messages.join('\n'));
      assert.match(messages[0], /stopped unexpectedly and was restarted/);
      assert.match(messages[1], /stopped 5 times in 1 minutes and will not be restarted/);
    });

    it('crashes spread over time keep being restarted; a manual restart resets the count', () => {
      const messages: string[] = [];
      let clock = 0;
      const policy = new RestartPolicy(actions, (m) => messages.push(m), {
        maxRestarts: 2,
        windowMs: 60_000,
        now: () => clock,
      });
      for (let i = 0; i < 10; i++) {
        clock += 61_000;
        assert.strictEqual(policy.closed().action, 2);
      }
      assert.strictEqual(messages.length, 1);
      clock += 1;
      policy.closed();
      policy.closed();
      assert.strictEqual(policy.closed().action, 1);
      policy.reset();
      assert.strictEqual(policy.closed().action, 2);
    });

    it('connection errors: continue a few times, then shut down', () => {
      const policy = new RestartPolicy(actions, () => undefined, { maxErrors: 3 });
      assert.deepStrictEqual(
        [1, 2, 3, 4].map((count) => policy.error(new Error('write failed'), undefined, count).action),
        [1, 1, 1, 2],
      );
    });
  });

  describe('a rule that throws is isolated', () => {
    const throwing: Rule = {
      meta: { ...allRules[0].meta, id: 'PSG999', name: 'always-throws', title: 'Always throws', fixable: false },
      triggers: [],
      visitors: {
        call: () => {
          throw new Error('boom in a visitor');
        },
      },
    };
    const code =
      'import sqlite3\ndef delete(conn, user_id):\n    conn.execute("DELETE FROM users WHERE id = " + user_id)\n';

    it("the engine keeps the other rules' findings and reports the failure with the rule id", async () => {
      const { parser } = await testEngine();
      const engine = new Engine(parser, [...allRules, throwing]);
      const tree = parser.parse(code);
      try {
        const result = engine.analyze(tree, code, defaultSettings);
        assert.deepStrictEqual(
          result.findings.map((f) => f.ruleId),
          ['PSG101'],
        );
        assert.ok(result.findings[0].fix, 'the fix is still checked and offered');
        assert.deepStrictEqual(
          result.ruleErrors.map((e) => e.ruleId),
          ['PSG999'],
        );
        assert.match(result.ruleErrors[0].error, /boom in a visitor/);
      } finally {
        tree.delete();
      }
    });

    it('the server publishes the other findings and logs the error with the rule id', async () => {
      const { parser } = await testEngine();
      const errors: string[] = [];
      const published: PublishDiagnosticsParams[] = [];
      const connection = {
        console: {
          error: (m: string) => errors.push(m),
          warn: () => undefined,
          info: () => undefined,
          log: () => undefined,
        },
        sendDiagnostics: async (p: PublishDiagnosticsParams) => {
          published.push(p);
        },
        sendNotification: async () => undefined,
        workspace: { getConfiguration: async () => undefined },
      } as unknown as Connection;
      const session = new LanguageSession(
        connection,
        new Engine(parser, [...allRules, throwing]),
        new DocumentStore(parser),
        new EditorSettings(
          connection,
          () => false,
          new SettingsResolver([...allRules, ...allFileRules], nodeFileAccess),
        ),
        new FileEngine(allFileRules),
        new GitIgnoreOracle(),
      );
      session.opened({ textDocument: { uri: 'untitled:throws.py', languageId: 'python', version: 1, text: code } });
      for (let i = 0; i < 50 && published.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.strictEqual(published.length, 1);
      assert.deepStrictEqual(
        published[0].diagnostics.map((d) => d.code),
        ['PSG101'],
      );
      assert.strictEqual(errors.length, 1);
      assert.match(errors[0], /^rule PSG999 failed on untitled:throws\.py: Error: boom in a visitor/);
      session.closed('untitled:throws.py');
    });
  });
});
