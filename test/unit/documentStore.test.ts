import * as assert from 'assert';
import { defaultSettings } from '../../server/src/config/settings';
import { LineIndex } from '../../server/src/core/text';
import type { CarriedState } from '../../server/src/engine/incremental';
import { DocumentStore } from '../../server/src/lsp/documentStore';
import type { PythonParser, Tree } from '../../server/src/parser/parser';
import { analyzeLatest, testEngine } from '../support/engine';

/** What the parser's parses start from, from here on: nothing, an edited tree, or a tree not edited. */
function recordParses(parser: PythonParser): ('fresh' | 'edited' | 'unedited')[] {
  const parses: ('fresh' | 'edited' | 'unedited')[] = [];
  const parse = parser.parse.bind(parser);
  Object.assign(parser, {
    parse: (text: string, previous?: Tree) => {
      parses.push(!previous ? 'fresh' : previous.rootNode.hasChanges ? 'edited' : 'unedited');
      return parse(text, previous);
    },
  });
  return parses;
}

describe('the document store', () => {
  const functions = Array.from(
    { length: 40 },
    (_, i) => `def handler_${i}(connection, name):\n    connection.execute("SELECT * FROM t WHERE n = '%s'" % name)\n`,
  );
  const text = ['import sqlite3', '', ...functions].join('\n');

  it('parses from the tree of an earlier version, not edited, when an edit gives its text back', async () => {
    const { parser, engine } = await testEngine();
    const parses = recordParses(parser);
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
    /** The parses an edit made (the analyses' own parses, of fixes, are left out). */
    const change = (version: number, edits: Parameters<DocumentStore['change']>[2]) => {
      const before = parses.length;
      store.change(uri, version, edits);
      return parses.slice(before);
    };
    assert.deepStrictEqual(change(2, [quote]), ['edited']);
    assert.ok(store.get(uri)!.tree!.rootNode.hasError);
    analyse();
    // Typed on while the errors stay: parsed from the erroneous tree, as every edit is.
    const typed = { line: at.line, character: at.character + 3 };
    assert.deepStrictEqual(change(3, [{ range: { start: typed, end: typed }, text: 'x' }]), ['edited']);
    analyse();
    // Both deleted again, in two edits: the text of version 2, then that of version 1, parsed from their trees.
    assert.deepStrictEqual(
      change(4, [{ range: { start: typed, end: { line: typed.line, character: typed.character + 1 } }, text: '' }]),
      ['unedited'],
      'the version before the last was parsed from the last',
    );
    assert.deepStrictEqual(
      change(5, [{ range: { start: at, end: { line: at.line, character: at.character + 3 } }, text: '' }]),
      ['unedited'],
      'the version without syntax errors was parsed from the last',
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
    assert.deepStrictEqual(change(6, [quote]), ['unedited']);
    // A text no kept version had is parsed from the last tree.
    assert.deepStrictEqual(change(7, [{ range: { start: typed, end: typed }, text: 'y' }]), ['edited']);
    store.close(uri);
  });
});
