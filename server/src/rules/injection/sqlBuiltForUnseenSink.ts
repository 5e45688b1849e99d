/**
 * ## What it does
 * Points out SQL statements built from values that are not constants (f-strings, `%`, `+`,
 * `.format()`) where the file does not show them reaching a database call: passed to a helper of
 * another module, returned, or stored. These are low-confidence findings, what Bandit's B608 and
 * Ruff's S608 report; statements that reach `execute`, `raw`, `text()` and the other sinks PSG101
 * knows are PSG101's and are not repeated here.
 *
 * ## Why is this bad?
 * A value spliced into SQL text becomes SQL wherever the text is run in the end. When the
 * statement leaves the function before it is run, the place that runs it cannot bind the values
 * any more: the injection is decided here.
 *
 * ## Example
 * ```python
 * def orders_query(customer):
 *     return f"SELECT * FROM orders WHERE customer = '{customer}'"
 * ```
 *
 * ## Use instead
 * ```python
 * def orders_query(customer):
 *     return "SELECT * FROM orders WHERE customer = ?", (customer,)
 * ```
 * Carry the statement with placeholders and its parameters together to the call that runs it.
 *
 * ## References
 * - CWE-89: Improper Neutralization of Special Elements used in an SQL Command
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Node } from '../../parser/parser';
import type { Rule, RuleContext } from '../../ruleApi/types';
import { methodName } from '../../semantic/calls';
import { describeHoles, isTestCode, judgeTaint } from '../shared';

/** The statement shapes Bandit's B608 looks for, on the text with the values left out. */
const sqlShape =
  /^[\s(]*(?:select\s[\s\S]*\sfrom\s|delete\s+from\s|insert\s+into\s[\s\S]*\svalues\b|update\s+(?:\w+\.)?[\w"`[\]]+\s+set\s)/i;
/** Calls that run SQL, which PSG101 follows. */
const sqlRunners = /\.(?:execute|executemany|executescript|raw|extra|mogrify)\s*\(|\b(?:text|RawSQL)\s*\(/;
const builders = new Set(['string', 'concatenated_string', 'binary_operator', 'call']);

/** True when the expression is part of a larger string being built (the outer one is visited instead). */
function insideLargerString(node: Node, context: RuleContext): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'binary_operator' || parent.type === 'concatenated_string') return true;
  if (parent.type === 'interpolation') return true;
  if (parent.type === 'attribute' && parent.parent?.type === 'call' && methodName(parent.parent) === 'format')
    return context.model.stringShape(parent.parent).isString;
  return false;
}

/** Why the statement is already another rule's: passed straight to a runner, or through a name a runner reads. */
function reachesKnownSink(node: Node, context: RuleContext): boolean {
  let current: Node = node;
  while (current.parent?.type === 'parenthesized_expression') current = current.parent;
  const parent = current.parent;
  if (parent?.type === 'argument_list' || parent?.type === 'keyword_argument') {
    const call = parent.type === 'argument_list' ? parent.parent : parent.parent?.parent;
    if (call?.type === 'call') {
      const callText = context.textOf(
        call.startIndex,
        call.childForFieldName('arguments')?.startIndex ?? call.endIndex,
      );
      if (sqlRunners.test(`${callText}(`)) return true;
    }
    return false;
  }
  const target =
    parent?.type === 'assignment' || parent?.type === 'augmented_assignment'
      ? parent.childForFieldName('left')
      : undefined;
  if (target?.type !== 'identifier') return false;
  const scope = context.model.enclosingFunction(node) ?? node.tree.rootNode;
  const body = context.textOf(current.endIndex, scope.endIndex);
  const name = target.text;
  return new RegExp(
    `(?:\\.(?:execute|executemany|executescript|raw|mogrify)|\\btext|\\bRawSQL)\\s*\\(\\s*${name}\\b`,
  ).test(body);
}

/** Whether a string literal, or one of a concatenation's, is an f-string with a value in it. */
function hasInterpolation(node: Node, context: RuleContext): boolean {
  if (node.type === 'concatenated_string')
    return node.namedChildren.some((child) => !!child && child.type === 'string' && hasInterpolation(child, context));
  // Only an f-string (or a template string) holds values: its prefix, at most two letters before the quote, says so
  // without reading its children.
  const prefix = /^[A-Za-z]*/.exec(context.textOf(node.startIndex, node.startIndex + 3))![0];
  return /[ft]/i.test(prefix) && node.namedChildren.some((child) => child?.type === 'interpolation');
}

function check(node: Node, context: RuleContext): void {
  // Plain literals have no values in them: most strings of a file end here.
  if ((node.type === 'string' || node.type === 'concatenated_string') && !hasInterpolation(node, context)) return;
  if (node.type === 'call' && methodName(node) !== 'format') return;
  if (node.type === 'binary_operator') {
    const operator = node.childForFieldName('operator')?.text;
    if (operator !== '%' && operator !== '+') return;
  }
  if (insideLargerString(node, context)) return;
  const shape = context.model.stringShape(node);
  if (!shape.isString || shape.holes.length === 0 || !sqlShape.test(shape.template(' x '))) return;
  if (isTestCode(context.model, node) || reachesKnownSink(node, context)) return;
  const verdict = judgeTaint(
    context,
    'sql',
    shape.holes.map((hole) => hole.expression),
    { reportUnknown: true },
  );
  if (!verdict) return;
  const from = verdict.taint.level === 'tainted' ? ' (untrusted data among them)' : '';
  context.report({
    node,
    message: `SQL statement built ${describeHoles(shape.holes)}${from}, and this file does not show where it is run: the place that runs it can no longer bind these values. Keep placeholders in the statement and pass the values as parameters along with it.`,
    confidence: 'low',
    fixUnavailable: 'the call that runs the statement is not in this file',
  });
}

export const sqlBuiltForUnseenSink: Rule = {
  meta: {
    id: 'PSG146',
    name: 'sql-built-for-unseen-sink',
    title: 'SQL statement built from values, run elsewhere (review hint)',
    defaultSeverity: 'warning',
    cwe: 89,
    owasp: 'A03:2021-Injection',
    checklistItem: 'sql-parameterized',
    bandit: ['B608'],
    ruff: ['S608'],
    fixable: false,
  },
  triggers: [
    'SELECT',
    'select',
    'INSERT',
    'insert',
    'UPDATE',
    'update',
    'DELETE',
    'delete',
    'Select',
    'Insert',
    'Update',
    'Delete',
  ],
  visitors: Object.fromEntries([...builders].map((type) => [type, check])),
};
