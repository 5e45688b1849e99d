import * as fs from 'fs';
import * as path from 'path';
import { Language, Node, Parser, Query, Tree } from 'web-tree-sitter';

export type { Node, Tree } from 'web-tree-sitter';

/** The two WASM files ship next to the bundles (dist/) or are found in node_modules when run from source. */
function locate(file: string, packageName: string): string {
  const besideBundle = path.join(__dirname, file);
  if (fs.existsSync(besideBundle)) return besideBundle;
  return require.resolve(`${packageName}/${file}`);
}

let loading: Promise<Language> | undefined;

/** Loads web-tree-sitter and the Python grammar once per process. */
export function loadPython(): Promise<Language> {
  loading ??= (async () => {
    const runtime = locate('web-tree-sitter.wasm', 'web-tree-sitter');
    await Parser.init({ locateFile: () => runtime });
    return Language.load(locate('tree-sitter-python.wasm', 'tree-sitter-python'));
  })();
  return loading;
}

/** A parser bound to the Python grammar, plus a cache of compiled queries. */
export class PythonParser {
  private readonly parser: Parser;
  private readonly queries = new Map<string, Query>();

  private constructor(readonly language: Language) {
    this.parser = new Parser();
    this.parser.setLanguage(language);
  }

  static async create(): Promise<PythonParser> {
    return new PythonParser(await loadPython());
  }

  /** Parses `text`; with `previous` (already edited with `tree.edit`) tree-sitter reuses unchanged subtrees. */
  parse(text: string, previous?: Tree): Tree {
    const tree = this.parser.parse(text, previous ?? null);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }

  query(source: string): Query {
    let query = this.queries.get(source);
    if (!query) {
      query = new Query(this.language, source);
      this.queries.set(source, query);
    }
    return query;
  }
}

/** Counts ERROR and MISSING nodes: a fix must never add any. */
export function syntaxErrorCount(root: Node): number {
  if (!root.hasError) return 0;
  let count = 0;
  const cursor = root.walk();
  let done = false;
  while (!done) {
    const node = cursor.currentNode;
    if (node.isError || node.isMissing) count++;
    if (node.hasError && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) { done = true; break; }
    }
  }
  cursor.delete();
  return count;
}
