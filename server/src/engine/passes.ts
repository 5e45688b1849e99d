// What a pass of the rules records about itself, and the small helpers the whole-file and the
// incremental analyses share (kept apart from engine.ts so that the two import it, not each other).
import type { Node, Span } from '../parser/parser';
import type { Finding, Rule } from '../ruleApi/types';

/** A finding with the node whose visit produced it (what it depends on starts there). */
export interface OriginFinding {
  finding: Finding;
  origin: Span;
}

/** Text a visit read beyond its own node, by range. */
export interface TextRead {
  origin: Span;
  start: number;
  end: number;
}

/** The names outside every function body a visit looked up (directly or through the values it asked about). */
export interface NameUse {
  origin: Span;
  names: ReadonlySet<string>;
}

/** A whole-file pattern test and its answer. */
export interface TextTest {
  pattern: RegExp;
  value: boolean;
}

/** False for a rule that needs an import the file does not have (see `requiresImport`). */
export function ruleApplies(rule: Rule, importedModules: ReadonlySet<string>): boolean {
  if (!rule.requiresImport) return true;
  for (const module of importedModules) {
    if (rule.requiresImport.some((prefix) => module === prefix || module.startsWith(`${prefix}.`))) return true;
  }
  return false;
}

/** Whether `pattern` matches anywhere in `text` (from the start, whatever its flags). */
export function testWhole(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const value = pattern.test(text);
  pattern.lastIndex = 0;
  return value;
}

/** Nodes grouped by type, each list in document order (outer before inner at the same start). */
export function groupByType(nodes: readonly Node[]): Map<string, Node[]> {
  const byType = new Map<string, Node[]>();
  for (const node of nodes) {
    const list = byType.get(node.type);
    if (list) list.push(node);
    else byType.set(node.type, [node]);
  }
  return byType;
}
