/**
 * ## What it does
 * Flags paths under `/tmp`, `/var/tmp` or `/dev/shm` written into the code and used as a file or
 * folder name: passed to a call, assigned, or given as a default.
 *
 * ## Why is this bad?
 * Every user on the machine can create files in these folders. Another user can create the file
 * first, or a symbolic link with its name pointing at a file you can write, and your program then
 * reads their data or overwrites its own files. Fixed names also collide between two runs.
 *
 * ## Example
 * ```python
 * with open("/tmp/report.csv", "w") as out:
 *     out.write(data)
 * ```
 *
 * ## Use instead
 * ```python
 * with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as out:
 *     out.write(data)
 * ```
 * `tempfile.mkdtemp()` and `tempfile.TemporaryDirectory()` create a private folder.
 *
 * ## References
 * - CWE-377: Insecure Temporary File
 * - OWASP Top 10 2021 A01: Broken Access Control
 */
import type { Node } from '../../parser/parser';
import type { Rule } from '../../ruleApi/types';
import { isTestCode } from '../shared';

const tempPath = /^(?:\/tmp|\/var\/tmp|\/dev\/shm)(?:\/|$)/;
/** Calls that only look at a path (compare, split) rather than use it. */
const inspectingMethods = new Set([
  'startswith',
  'endswith',
  'replace',
  'split',
  'rsplit',
  'strip',
  'rstrip',
  'lstrip',
  'find',
  'index',
  'count',
  'removeprefix',
  'match',
  'search',
  'sub',
  'fnmatch',
  'relpath',
  'commonpath',
]);

/** Where the string is used: a call argument, an assignment or a default value. */
function usedAsPath(node: Node): boolean {
  let current: Node = node;
  // Walk up through expressions that still build the same value (f-strings, joins, parentheses).
  while (
    current.parent &&
    ['binary_operator', 'parenthesized_expression', 'concatenated_string'].includes(current.parent.type)
  )
    current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (parent.type === 'argument_list' || parent.type === 'keyword_argument') {
    const call = parent.type === 'argument_list' ? parent.parent : parent.parent?.parent;
    const fn = call?.childForFieldName('function');
    const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
    return !!name && !inspectingMethods.has(name) && !/^(?:print|log|debug|info|warning|error|assert\w*)$/.test(name);
  }
  if (parent.type === 'assignment') return parent.childForFieldName('right')?.id === current.id;
  return parent.type === 'default_parameter' || parent.type === 'typed_default_parameter';
}

export const hardcodedTempPath: Rule = {
  meta: {
    id: 'PSG410',
    name: 'hardcoded-temp-path',
    title: 'Fixed path in a shared temporary folder',
    defaultSeverity: 'warning',
    cwe: 377,
    owasp: 'A01:2021-Broken Access Control',
    checklistItem: 'files-created-safely',
    bandit: ['B108'],
    ruff: ['S108'],
    fixable: false,
  },
  triggers: ['/tmp', '/var/tmp', '/dev/shm'],
  visitors: {
    string(node, context) {
      if (node.parent?.type === 'concatenated_string' && node.parent.firstNamedChild?.id !== node.id) return;
      const target = node.parent?.type === 'concatenated_string' ? node.parent : node;
      const shape = context.model.stringShape(target);
      const first = shape.parts[0];
      if (first?.kind !== 'text' || !tempPath.test(first.text)) return;
      if (!usedAsPath(target) || isTestCode(context.model, target)) return;
      context.report({
        node: target,
        message:
          'A fixed name in a folder every user can write to: another user can create it first, or plant a symbolic link under that name. Use `tempfile.mkstemp()`, `NamedTemporaryFile()` or `TemporaryDirectory()`.',
        confidence: 'medium',
      });
    },
  },
};
