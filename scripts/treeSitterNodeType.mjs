// An esbuild plugin for scripts/build.mjs: web-tree-sitter's `Node` keeps its type once read.
//
// `node.type` asks the WebAssembly module for the node's symbol on every read (the node is copied into WebAssembly
// memory, then its symbol read back). The analysis reads the type of the same node object again and again (`node.type
// === 'call' || node.type === 'attribute'`): in a one-thread scan of the standard library, 5.9 million of 10.9 million
// reads were of a node object whose type had been read before. A node's type never changes, so the bundled `Node` keeps
// it in a field of its own, declared with its other fields so that every node object has the same shape.
//
// The build fails if the library's text is not what this expects (another version): the plugin never builds a bundle
// without the change silently.
import * as fs from 'fs';

const FIELDS = '  _namedChildren;\n';
const GETTER = '  get type() {\n    return this.tree.language.types[this.typeId] || "ERROR";\n  }';

/** `source` (web-tree-sitter's JavaScript) with the type kept by each node, or an error naming what was not found. */
export function withNodeTypeKept(source) {
  for (const [name, text] of [
    ['the fields of Node', FIELDS],
    ['the type getter of Node', GETTER],
  ]) {
    const count = source.split(text).length - 1;
    if (count !== 1)
      throw new Error(`web-tree-sitter: ${name} found ${count} times, not once: update ${import.meta.url}`);
  }
  return source
    .replace(FIELDS, `${FIELDS}  /** The node's type, once read. */\n  _type;\n`)
    .replace(
      GETTER,
      '  get type() {\n    return this._type ??= this.tree.language.types[this.typeId] || "ERROR";\n  }',
    );
}

/** The plugin: applies `withNodeTypeKept` to web-tree-sitter's module as esbuild loads it. */
export const nodeTypeKept = {
  name: 'web-tree-sitter-node-type',
  setup(build) {
    build.onLoad({ filter: /[\\/]web-tree-sitter[\\/]web-tree-sitter\.c?js$/ }, (args) => ({
      contents: withNodeTypeKept(fs.readFileSync(args.path, 'utf8')),
      loader: 'js',
    }));
  },
};
