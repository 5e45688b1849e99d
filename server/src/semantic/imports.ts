import type { Node, PythonParser, Tree } from '../parser/parser';
import { SemanticModel } from './model';

const importTypes = ['import_statement', 'import_from_statement'] as const;

/**
 * The modules a file imports (`import a.b`, `from c import d` give `a.b` and `c`), as the semantic model records them.
 */
export function importedModules(parser: PythonParser, tree: Tree, text: string): Set<string> {
  const byType = new Map<string, Node[]>();
  for (const { node } of parser
    .query(`[${importTypes.map((type) => `(${type})`).join(' ')}] @node`)
    .captures(tree.rootNode)) {
    const list = byType.get(node.type);
    if (list) list.push(node);
    else byType.set(node.type, [node]);
  }
  return new Set(libraryModules(new SemanticModel(tree.rootNode, text, byType).importedModules));
}

/** The imported modules that name a library: relative imports (`from . import x`) name none. */
export function libraryModules(modules: Iterable<string>): string[] {
  return [...modules].filter((name) => !name.startsWith('.'));
}
