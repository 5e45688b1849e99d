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
  const modules = new SemanticModel(tree.rootNode, text, byType).importedModules;
  // Relative imports (`from . import x`) name no library.
  for (const name of modules) if (name.startsWith('.')) modules.delete(name);
  return modules;
}
