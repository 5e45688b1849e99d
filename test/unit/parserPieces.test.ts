import * as assert from 'assert';
import { Edit, Parser } from 'web-tree-sitter';
import { defaultSettings } from '../../server/src/config/settings';
import { LineIndex } from '../../server/src/core/text';
import type { CarriedState } from '../../server/src/engine/incremental';
import { DocumentStore } from '../../server/src/lsp/documentStore';
import type { Node } from '../../server/src/parser/parser';
import { analyzeLatest, testEngine } from '../support/engine';
import { heapUsedAfterCollection } from '../support/heap';

/** Every node of the tree, depth first. */
function nodesOf(root: Node): Node[] {
  const all: Node[] = [];
  const visit = (node: Node): void => {
    all.push(node);
    for (const child of node.children) if (child) visit(child);
  };
  visit(root);
  return all;
}

describe('the parser reads the text in copied pieces', () => {
  it('gives the tree and node texts that parsing the string itself gives, characters split across pieces included', async () => {
    const { parser } = await testEngine();
    const plain = new Parser();
    plain.setLanguage(parser.language);
    try {
      // Names, strings and comments of many lengths, with characters outside the BMP (two UTF-16 units) and
      // accented ones, so that over the lines every kind of token starts, ends and is split at a piece's edge.
      const lines: string[] = [];
      for (let i = 0; i < 400; i++) {
        const pad = 'x'.repeat(i % 37);
        lines.push(
          i % 3 === 0
            ? `def handler_${pad}${i}(request, *args):  # ${'é'.repeat(i % 5)}😀 note`
            : i % 3 === 1
              ? `    value_${i} = "${'😀'.repeat(i % 7)}${pad}" + request.args.get("q${i}")`
              : `    return f"{value_${i - 1}!r:>{${i % 11}}}${'𝔘'.repeat(i % 4)}"`,
        );
      }
      const text = lines.join('\n') + '\n';
      assert.ok(text.length > 20 * 1024, 'the text spans many pieces');
      const ours = parser.parse(text);
      const theirs = plain.parse(text);
      assert.ok(theirs);
      try {
        assert.strictEqual(ours.rootNode.toString(), theirs.rootNode.toString());
        const nodes = nodesOf(ours.rootNode);
        assert.ok(nodes.length > 5000);
        for (const node of nodes)
          assert.strictEqual(
            node.text,
            text.slice(node.startIndex, node.endIndex),
            `${node.type} at ${node.startIndex}`,
          );
        // An incremental parse reads through the new text's pieces.
        const at = text.indexOf('handler_0') + 'handler_'.length;
        const edited = text.slice(0, at) + '😀' + text.slice(at);
        const copy = ours.copy();
        copy.edit(
          new Edit({
            startIndex: at,
            oldEndIndex: at,
            newEndIndex: at + 2,
            startPosition: { row: 0, column: at },
            oldEndPosition: { row: 0, column: at },
            newEndPosition: { row: 0, column: at + 2 },
          }),
        );
        const reparsed = parser.parse(edited, copy);
        const fresh = plain.parse(edited);
        try {
          assert.strictEqual(reparsed.rootNode.toString(), fresh?.rootNode.toString());
          for (const node of nodesOf(reparsed.rootNode).slice(0, 400))
            assert.strictEqual(node.text, edited.slice(node.startIndex, node.endIndex));
        } finally {
          copy.delete();
          reparsed.delete();
          fresh?.delete();
        }
      } finally {
        ours.delete();
        theirs.delete();
      }
    } finally {
      plain.delete();
    }
  });

  it('lets a name taken from a tree outlive the text it was parsed from', async () => {
    const { parser } = await testEngine();
    const kept: string[] = [];
    const before = heapUsedAfterCollection();
    for (let version = 0; version < 20; version++) {
      // Half a megabyte each, different every time (as the versions of a document being typed in are).
      const text = `request_parameter_name_${version} = 1\n` + 'value = other_name + 1\n'.repeat(25_000);
      const tree = parser.parse(text);
      try {
        const name = tree.rootNode.firstNamedChild?.firstNamedChild?.firstNamedChild?.text;
        assert.strictEqual(name, `request_parameter_name_${version}`);
        kept.push(name);
      } finally {
        tree.delete();
      }
    }
    const grown = heapUsedAfterCollection() - before;
    // Were the names slices of the texts, they would keep 20 × 0.55 MB alive.
    assert.ok(grown < 3_000_000, `the heap grew by ${(grown / 1e6).toFixed(1)} MB for 20 names`);
    assert.strictEqual(kept.length, 20);
  });

  it('lets an editor session carry its analysis over many versions of a document without keeping them', async () => {
    const { parser, engine } = await testEngine();
    // Handlers with long names (in findings, flows and the bindings carried to the next version), about 300 KB.
    const handlers: string[] = ['import sqlite3', 'from flask import request', ''];
    for (let i = 0; i < 1200; i++)
      handlers.push(
        `def handle_request_number_${i}(database_connection):`,
        `    requested_identifier = request.args.get("identifier_${i}")`,
        `    database_connection.execute("SELECT * FROM t WHERE x = '%s'" % requested_identifier)`,
        '',
      );
    const uri = 'file:///pieces.py';
    const store = new DocumentStore(parser);
    store.open(uri, 1, handlers.join('\n'));
    let state: CarriedState | undefined;
    const analyse = (): void => {
      const { result } = analyzeLatest(engine, store, uri, defaultSettings, state);
      assert.ok(result.findings.length >= 1200);
      state = result.state;
    };
    analyse();
    const before = heapUsedAfterCollection();
    // Each version re-analyses one handler (a character typed into its string), whose names come from that version.
    for (let version = 2; version <= 31; version++) {
      const { text } = store.get(uri)!;
      const position = new LineIndex(text).position(text.indexOf(`"identifier_${version * 37}"`) + 1);
      store.change(uri, version, [{ range: { start: position, end: position }, text: 'v' }]);
      analyse();
    }
    const grown = heapUsedAfterCollection() - before;
    // Were the names slices of the texts, the state would keep 30 versions of about 300 KB each.
    assert.ok(grown < 3_000_000, `the heap grew by ${(grown / 1e6).toFixed(1)} MB over 30 versions`);
    assert.ok(state);
    store.close(uri);
  });
});
