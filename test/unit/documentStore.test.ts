import * as assert from 'assert';
import { defaultSettings } from '../../server/src/config/settings';
import { LineIndex } from '../../server/src/core/text';
import type { CarriedState } from '../../server/src/engine/incremental';
import { DocumentStore } from '../../server/src/lsp/documentStore';
import type { PythonParser, Tree } from '../../server/src/parser/parser';
import { analyzeLatest, testEngine } from '../support/engine';

/** Counts the parser's parses from here on. */
function countParses(parser: PythonParser): { readonly count: number } {
  const counter = { count: 0 };
  const parse = parser.parse.bind(parser);
  Object.assign(parser, {
    parse: (text: string, previous?: Tree) => {
      counter.count++;
      return parse(text, previous);
    },
  });
  return counter;
}

describe('the document store', () => {
  const functions = Array.from(
    { length: 40 },
    (_, i) => `def handler_${i}(connection, name):\n    connection.execute("SELECT * FROM t WHERE n = '%s'" % name)\n`,
  );
  const text = ['import sqlite3', '', ...functions].join('\n');

  it('takes the tree of an earlier version back, without a parse, when an edit gives its text back', async () => {
    const { parser, engine } = await testEngine();
    const parses = countParses(parser);
    const uri = 'untitled:store.py';
    const store = new DocumentStore(parser);
    store.open(uri, 1, text);
    let state: CarriedState | undefined;
    const analyse = () => {
      const analysed = analyzeLatest(engine, store, uri, defaultSettings, state);
      state = analysed.result.state;
      return analysed;
    };
    const whole = analyse().result.findings;
    assert.strictEqual(whole.length, 40);
    // A quote typed before the third function opens a string that tree-sitter's error recovery runs far past it.
    const at = new LineIndex(text).position(text.indexOf('def handler_2('));
    const quote = { range: { start: at, end: at }, text: '"""' };
    /** The parses an edit made (the analyses' own parses, of fixes, are not counted). */
    const change = (version: number, edits: Parameters<DocumentStore['change']>[2]): number => {
      const before = parses.count;
      store.change(uri, version, edits);
      return parses.count - before;
    };
    assert.strictEqual(change(2, [quote]), 1);
    assert.ok(store.get(uri)!.tree!.rootNode.hasError);
    analyse();
    // Typed on while the errors stay: parsed from the erroneous tree, as every edit is.
    const typed = { line: at.line, character: at.character + 3 };
    assert.strictEqual(change(3, [{ range: { start: typed, end: typed }, text: 'x' }]), 1);
    analyse();
    // Both deleted again, in two edits: the text of version 2, then that of version 1, whose trees are taken back.
    assert.strictEqual(
      change(4, [{ range: { start: typed, end: { line: typed.line, character: typed.character + 1 } }, text: '' }]),
      0,
      'the version before the last was parsed again',
    );
    assert.strictEqual(
      change(5, [{ range: { start: at, end: { line: at.line, character: at.character + 3 } }, text: '' }]),
      0,
      'the version without syntax errors was parsed again',
    );
    const document = store.get(uri)!;
    assert.strictEqual(document.text, text);
    const fresh = parser.parse(text);
    try {
      assert.strictEqual(document.tree!.rootNode.toString(), fresh.rootNode.toString());
    } finally {
      fresh.delete();
    }
    // What changed since the erroneous version reaches as far as its errors did: the analysis from it finds
    // every function's query again, as a whole-file analysis does.
    const restored = analyse();
    assert.ok(restored.changed && restored.changed !== 'all');
    assert.ok(restored.changed.newEnd >= text.indexOf('def handler_39('), JSON.stringify(restored.changed));
    assert.strictEqual(restored.result.mode, 'incremental');
    assert.deepStrictEqual(
      restored.result.findings.map((finding) => [finding.ruleId, finding.start, finding.confidence]),
      whole.map((finding) => [finding.ruleId, finding.start, finding.confidence]),
    );
    // The quote again: the text of version 4, one of the two versions before the current one.
    assert.strictEqual(change(6, [quote]), 0);
    // A text no kept version had is parsed.
    assert.strictEqual(change(7, [{ range: { start: typed, end: typed }, text: 'y' }]), 1);
    store.close(uri);
  });
});
