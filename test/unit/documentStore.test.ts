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
  // The parser is shared by every test: the spy of `recordParses` goes with the test that set it.
  afterEach(async () => {
    const { parser } = await testEngine();
    Reflect.deleteProperty(parser, 'parse');
  });

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
    assert.ok(restored.changed.newEnd >= text.lastIndexOf('def handler_39('), JSON.stringify(restored.changed));
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

  it('leaves a parse that runs past its budget unfinished, for later or for the next change', async () => {
    const { parser } = await testEngine();
    const uri = 'untitled:budget.py';
    const store = new DocumentStore(parser);
    // Ten times as long: its parse takes tree-sitter many steps.
    const long = ['import sqlite3', '', ...Array.from({ length: 10 }, () => functions).flat()].join('\n');
    store.open(uri, 1, long);
    store.parsedForAnalysis(uri);
    const at = new LineIndex(long).position(long.indexOf('def handler_2('));
    const quote = { range: { start: at, end: at }, text: '"""' };
    const unquote = { range: { start: at, end: { line: at.line, character: at.character + 3 } }, text: '' };
    // No budget: the parse stops at once.
    store.change(uri, 2, [quote], 0);
    assert.ok(store.isParsing(uri) && !store.get(uri)!.tree);
    // The next change gives version 1's text back: its tree, and the unfinished parse is dropped.
    store.change(uri, 3, [unquote], 0);
    assert.ok(!store.isParsing(uri));
    const restored = store.parsedForAnalysis(uri)!;
    assert.strictEqual(restored.document.text, long);
    const fresh = parser.parse(long);
    assert.strictEqual(restored.document.tree.rootNode.toString(), fresh.rootNode.toString());
    fresh.delete();
    // Unfinished again, then gone on with in slices, then finished when the tree is asked for.
    store.change(uri, 4, [quote], 0);
    let slices = 0;
    while (slices < 3 && !store.parsePending(uri, 0)) slices++;
    assert.strictEqual(slices, 3);
    const { document, changed } = store.parsedForAnalysis(uri)!;
    assert.ok(!store.isParsing(uri) && document.tree.rootNode.hasError);
    // What changed since version 3 reaches as far as the errors do.
    assert.ok(
      changed && changed !== 'all' && changed.newEnd >= long.lastIndexOf('def handler_39('),
      JSON.stringify(changed),
    );
    // Unfinished once more, then the document closed: the parser parses another text from the start.
    store.change(uri, 5, [unquote], 0);
    store.change(uri, 6, [{ range: { start: at, end: at }, text: '(' }], 0);
    store.close(uri);
    assert.ok(!store.isParsing(uri));
    const other = parser.parseWithin('x = 1\n', undefined, Infinity);
    assert.strictEqual(
      other?.rootNode.toString(),
      '(module (expression_statement (assignment left: (identifier) right: (integer))))',
    );
    other?.delete();
  });
});
