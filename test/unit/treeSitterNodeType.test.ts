import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type * as TreeSitter from 'web-tree-sitter';
import { nodeWasmFiles } from '../../server/src/workspace/nodeFileAccess';
import { dedent, testEngine } from '../support/engine';

// The bundles' web-tree-sitter keeps each node's type once read (scripts/treeSitterNodeType.mjs, applied by
// scripts/build.mjs). The tests run from source, on the library as installed: here the changed library is loaded and
// compared with it.
const root = path.join(__dirname, '..', '..');
const library = path.join(root, 'node_modules', 'web-tree-sitter');

interface Patch {
  withNodeTypeKept: (source: string) => string;
}
const loadPatch = () =>
  import(pathToFileURL(path.join(root, 'scripts', 'treeSitterNodeType.mjs')).href) as Promise<Patch>;

/** The types of a tree's nodes, in order, each read twice (the second read is the kept one). */
function typesOf(tree: TreeSitter.Tree): string[] {
  const types: string[] = [];
  const visit = (node: TreeSitter.Node) => {
    const type = node.type;
    assert.strictEqual(node.type, type, 'read again, the same');
    types.push(type);
    for (const child of node.children) if (child) visit(child);
  };
  visit(tree.rootNode);
  return types;
}

describe("the bundles' tree-sitter nodes keep their type", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'psg-node-type-'));
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it("changes each of web-tree-sitter's modules a bundle may load in two places, and nothing else", async () => {
    const { withNodeTypeKept } = await loadPatch();
    for (const file of ['web-tree-sitter.js', 'web-tree-sitter.cjs']) {
      const source = fs.readFileSync(path.join(library, file), 'utf8');
      const changed = withNodeTypeKept(source);
      assert.notStrictEqual(changed, source, file);
      const undone = changed
        .replace("  /** The node's type, once read. */\n  _type;\n", '')
        .replace('this._type ??= ', '');
      assert.strictEqual(undone, source, file);
    }
  });

  it('refuses a library whose text it does not know, so a build never goes without it unnoticed', async () => {
    const { withNodeTypeKept } = await loadPatch();
    assert.throws(() => withNodeTypeKept('class Node {}'), /the fields of Node found 0 times/);
    const source = fs.readFileSync(path.join(library, 'web-tree-sitter.cjs'), 'utf8');
    assert.throws(() => withNodeTypeKept(source + source), /found 2 times/);
  });

  it('gives every node the type the library as installed gives it, error nodes included', async () => {
    const { withNodeTypeKept } = await loadPatch();
    const file = path.join(folder, 'web-tree-sitter.cjs');
    fs.writeFileSync(file, withNodeTypeKept(fs.readFileSync(path.join(library, 'web-tree-sitter.cjs'), 'utf8')));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const changed = require(file) as typeof TreeSitter;
    const wasm = nodeWasmFiles();
    await changed.Parser.init({ locateFile: () => wasm.runtime });
    const parser = new changed.Parser();
    parser.setLanguage(await changed.Language.load(wasm.grammar));
    const { parser: installed } = await testEngine();
    const text = dedent(`
      import os
      from flask import request


      @app.route("/")
      def view(name: str = "x", *args, **kwargs) -> str:
          value = request.args.get("q", default=[1, 2.5, None])
          if (n := len(value)) > 3 and not value:
              return f"{value!r:>10}" % {"a": b"x"}
          match value:
              case [first, *rest] if first:
                  yield from (x async for x in rest)
          lambda y: y[1:2, ...]
          oops = ) 1 $
    `);
    const ours = parser.parse(text)!;
    const theirs = installed.parse(text);
    try {
      const types = typesOf(ours);
      assert.deepStrictEqual(types, typesOf(theirs));
      assert.ok(types.includes('ERROR') && types.includes('decorated_definition'), types.join(' '));
    } finally {
      ours.delete();
      theirs.delete();
      parser.delete();
    }
  });
});
