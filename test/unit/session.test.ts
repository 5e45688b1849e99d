import * as assert from 'assert';
import type { Connection, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { FileEngine } from '../../server/src/engine/fileEngine';
import { DocumentResults } from '../../server/src/lsp/documentResults';
import { DocumentStore } from '../../server/src/lsp/documentStore';
import { EditorSettings } from '../../server/src/lsp/editorSettings';
import { allFileRules, allRules } from '../../server/src/rules';
import { LanguageSession, VERIFY_INLINE_MAX_CHARS } from '../../server/src/lsp/session';
import { testEngine } from '../support/engine';
import { SettingsResolver } from '../../server/src/config/resolver';
import { nodeFileAccess, useNodeAdvisories } from '../../server/src/workspace/nodeFileAccess';
import { GitIgnoreOracle } from '../../server/src/workspace/gitignore';

// The analysis reads the shipped advisory data through Node here, as the server and the CLI do.
useNodeAdvisories();

const insecure = `import sqlite3\n\ndef find(conn, name):\n    conn.execute("SELECT * FROM users WHERE name = '%s'" % name)\n`;

/** A session over a connection that records what it publishes (with `parseBudgetMs`, its budget for a parse). */
async function session(parseBudgetMs?: number): Promise<{
  session: LanguageSession;
  /** Where the session puts the findings of each analysis (what hover reads). */
  results: DocumentResults;
  published: PublishDiagnosticsParams[];
  next: () => Promise<PublishDiagnosticsParams>;
}> {
  const { parser, engine } = await testEngine();
  const published: PublishDiagnosticsParams[] = [];
  const waiting: ((p: PublishDiagnosticsParams) => void)[] = [];
  const connection = {
    sendDiagnostics: async (params: PublishDiagnosticsParams) => {
      published.push(params);
      waiting.shift()?.(params);
    },
    console: { error: () => undefined, warn: () => undefined },
    window: { showWarningMessage: async () => undefined },
    workspace: { getConfiguration: async () => undefined },
  } as unknown as Connection;
  const results = new DocumentResults();
  return {
    session: new LanguageSession(
      connection,
      engine,
      new DocumentStore(parser),
      new EditorSettings(connection, () => false, new SettingsResolver([...allRules, ...allFileRules], nodeFileAccess)),
      new FileEngine(allFileRules),
      new GitIgnoreOracle(),
      undefined,
      undefined,
      results,
      parseBudgetMs,
    ),
    results,
    published,
    next: () => new Promise((resolve) => waiting.push(resolve)),
  };
}

const fixOf = (diagnostic: Diagnostic) => (diagnostic.data as { fix?: unknown }).fix;

describe('language session', () => {
  // The engine is shared by every test: a test that wraps one of its methods leaves it as it was.
  afterEach(async () => {
    const { engine } = await testEngine();
    Reflect.deleteProperty(engine, 'analyzeForEditor');
  });

  it('analyses only the newest of changes received one after another', async () => {
    const { session: s, published } = await session();
    s.opened({ textDocument: { uri: 'untitled:a', languageId: 'python', version: 1, text: insecure } });
    // The connection hands over one message per turn of the event loop; so does this.
    for (let version = 2; version <= 11; version++) {
      await new Promise((resolve) => setImmediate(resolve));
      s.changed({
        textDocument: { uri: 'untitled:a', version },
        contentChanges: [
          { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: version % 2 ? '#' : '' },
        ],
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepStrictEqual(
      published.map((p) => p.version),
      [11],
    );
    assert.strictEqual(published[0].diagnostics.length, 1);
  });

  it('publishes the findings of a large document first, then again with the verified fix', async () => {
    const { session: s, next } = await session();
    const padding = '# padding line of a large module\n'.repeat(Math.ceil(VERIFY_INLINE_MAX_CHARS / 32) + 1);
    const first = next();
    s.opened({ textDocument: { uri: 'untitled:big', languageId: 'python', version: 1, text: padding + insecure } });
    const early = await first;
    const verified = await next();
    assert.strictEqual(early.diagnostics.length, 1);
    assert.strictEqual(fixOf(early.diagnostics[0]), undefined);
    assert.strictEqual(verified.version, 1);
    assert.deepStrictEqual(
      verified.diagnostics.map((d) => d.range),
      early.diagnostics.map((d) => d.range),
    );
    assert.ok(fixOf(verified.diagnostics[0]), 'the verified fix is published');
  });

  it('publishes the findings of the last version that parsed, moved, while a large document is parsed, then its own', async () => {
    // No budget: any parse that takes tree-sitter more than a few steps goes on in slices after the keystroke.
    const { session: s, next } = await session(0);
    const uri = 'untitled:slow.py';
    const helpers = (prefix: string, count: number) =>
      Array.from({ length: count }, (_, i) => `def ${prefix}_${i}(conn, name):\n    del conn, name\n\n\n`).join('');
    const text = '# padding line of a large module\n'.repeat(Math.ceil(VERIFY_INLINE_MAX_CHARS / 32) + 1) + insecure;
    const line = text.split('\n').length - 2;
    const first = next();
    s.opened({ textDocument: { uri, languageId: 'python', version: 1, text } });
    assert.strictEqual((await first).diagnostics[0].range.start.line, line);
    assert.ok(fixOf((await next()).diagnostics[0]), 'the verified fix is published');
    // 200 functions pasted near the top, one of them insecure: too much to parse at once.
    const added = `${helpers('find', 200)}def find_more(conn, name):\n    conn.execute("SELECT * FROM users WHERE name = '%s'" % name)\n\n\n`;
    const moved = line + added.split('\n').length - 1;
    // How the engine analyses the versions from here on.
    const { engine } = await testEngine();
    const analyzeForEditor = engine.analyzeForEditor.bind(engine);
    const modes: string[] = [];
    engine.analyzeForEditor = (...args) => {
      const analysis = analyzeForEditor(...args);
      modes.push(analysis.fullBecause ?? analysis.mode);
      return analysis;
    };
    const interim = next();
    s.changed({
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: added }],
    });
    const kept = await interim;
    assert.strictEqual(kept.version, 2);
    assert.deepStrictEqual(
      kept.diagnostics.map((d) => [d.range.start.line, fixOf(d)]),
      [[moved, undefined]],
      'the last findings, moved with the text, before the parse is done',
    );
    // Then the analysis of the text once parsed, and its fixes once verified (which need the tree).
    let own = await next();
    while (!own.diagnostics.some(fixOf)) own = await next();
    assert.strictEqual(own.version, 2);
    assert.deepStrictEqual(
      own.diagnostics.map((d) => d.range.start.line),
      [2 + added.split('\n').findIndex((text) => text.includes('execute')), moved],
    );
    // Analysed from the findings kept, for the statements pasted: not the whole file.
    assert.deepStrictEqual(modes, ['incremental']);
  });

  it('publishes a small document once, its fix already verified', async () => {
    const { session: s, published, next } = await session();
    s.opened({ textDocument: { uri: 'untitled:small', languageId: 'python', version: 1, text: insecure } });
    const only = await next();
    assert.ok(fixOf(only.diagnostics[0]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.strictEqual(published.length, 1);
  });

  it('puts the findings of each analysis of an open document where hover reads them, the version published last', async () => {
    const { session: s, results, next } = await session();
    const uri = 'untitled:hover';
    const analyzed: string[] = [];
    results.observe({
      documentAnalyzed: (analysedUri, findings) =>
        analyzed.push(`${analysedUri}: ${findings.map((f) => f.ruleId).join(', ')}`),
      documentClosed: (closedUri) => analyzed.push(`closed ${closedUri}`),
    });
    assert.deepStrictEqual(results.findingsAt(uri, 3, 20), [], 'a document the session does not have');
    s.opened({ textDocument: { uri, languageId: 'python', version: 1, text: insecure } });
    await next();
    assert.deepStrictEqual(
      results.findingsAt(uri, 3, 20).map((finding) => finding.ruleId),
      ['PSG101'],
    );
    assert.deepStrictEqual(results.findingsAt(uri, 0, 0), []);
    // The query moves down a line: hover follows the new version, not the one before.
    s.changed({
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }],
    });
    await next();
    assert.deepStrictEqual(results.findingsAt(uri, 3, 20), []);
    assert.deepStrictEqual(
      results.findingsAt(uri, 4, 20).map((finding) => finding.ruleId),
      ['PSG101'],
    );
    s.closed(uri);
    assert.deepStrictEqual(results.findingsAt(uri, 4, 20), []);
    // The workspace scan, observing the results, heard of each analysis and of the close.
    assert.deepStrictEqual(analyzed, [`${uri}: PSG101`, `${uri}: PSG101`, `closed ${uri}`]);
  });

  it('stops verifying when a newer version arrives', async () => {
    const { session: s, published, next } = await session();
    const padding = '# padding line of a large module\n'.repeat(Math.ceil(VERIFY_INLINE_MAX_CHARS / 32) + 1);
    s.opened({ textDocument: { uri: 'untitled:typing', languageId: 'python', version: 1, text: padding + insecure } });
    await next();
    s.changed({
      textDocument: { uri: 'untitled:typing', version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#' }],
    });
    await next();
    await next();
    assert.deepStrictEqual(
      published.map((p) => [p.version, p.diagnostics.some((d) => fixOf(d) !== undefined)]),
      [
        [1, false],
        [2, false],
        [2, true],
      ],
    );
  });
});
