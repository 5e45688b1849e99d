/**
 * ## What it does
 * Flags `assert` statements outside tests whose condition reads like an access or integrity check:
 * `is_admin`, `is_authenticated`, `has_perm`, `can_edit`, ownership, `check_password`, `verify_*`,
 * `compare_digest`, tokens and signatures. Other asserts (invariants, type narrowing) are not
 * reported; what Bandit's B101 and Ruff's S101 report on every assert is narrowed to these, at low
 * confidence.
 *
 * ## Why is this bad?
 * Python removes `assert` statements when run with `-O` or `PYTHONOPTIMIZE` (some container
 * images and WSGI servers set it): the check disappears and everyone passes it.
 *
 * ## Example
 * ```python
 * assert request.user.is_staff, "staff only"
 * ```
 *
 * ## Use instead
 * ```python
 * if not request.user.is_staff:
 *     raise PermissionDenied("staff only")
 * ```
 *
 * ## References
 * - CWE-617: Reachable Assertion
 * - CWE-285: Improper Authorization
 * - OWASP Top 10 2021 A01: Broken Access Control
 */
import type { Node } from '../../parser/parser';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { indentationAt, ownLineStatement } from '../../fixes/python';
import { safeFix } from '../../fixes/fix';
import { isTestCode } from '../shared';

/** Words of access and integrity checks. */
const checkWords =
  /\b(?:is_(?:admin|superuser|staff|authenticated|owner|allowed|authori[sz]ed|logged_in|verified|valid_token)|has_(?:perms?|permissions?|role|access|scope)|check_(?:password|permission|access|token|signature)|verify\w*|compare_digest|can_[a-z]\w*|user_can\w*|owner(?:_id)?|permissions?|authori[sz]ed|logged_in|csrf\w*|signature|hmac\w*|role)\b/i;
const simple = new Set(['identifier', 'attribute', 'call', 'subscript', 'parenthesized_expression']);

function buildFix(statement: Node, condition: Node, message: Node | undefined, context: RuleContext): Fix | string {
  const read = (start: number, end: number) => context.textOf(start, end);
  if (!ownLineStatement(statement, read)) return 'the assert shares its line with other statements';
  if (/[\r\n]/.test(context.textOf(statement.startIndex, statement.endIndex)) && !/^\(/.test(condition.text))
    return 'the assert spans several lines';
  const indent = indentationAt(read, statement.startIndex);
  const unit = indent.includes('\t') ? '\t' : '    ';
  const test = simple.has(condition.type) ? condition.text : `(${condition.text})`;
  const raise = message ? `raise AssertionError(${message.text})` : 'raise AssertionError';
  return safeFix('Check with if/raise, which -O keeps', [
    {
      start: statement.startIndex,
      end: statement.endIndex,
      newText: `if not ${test}:\n${indent}${unit}${raise}`,
    },
  ]);
}

export const assertAccessCheck: Rule = {
  meta: {
    id: 'PSG147',
    name: 'assert-access-check',
    title: 'Access or integrity check written as assert',
    defaultSeverity: 'warning',
    cwe: 617,
    owasp: 'A01:2021-Broken Access Control',
    checklistItem: 'input-validated',
    bandit: ['B101'],
    ruff: ['S101'],
    fixable: true,
    fixes: [
      {
        title: 'Check with if/raise, which -O keeps',
        applicability: 'safe',
        why: 'The assert becomes `if not condition: raise AssertionError(message)`: the same exception with the same message when the check fails, and the check now also runs under `python -O`.',
      },
    ],
  },
  triggers: ['assert'],
  visitors: {
    assert_statement(statement, context) {
      const [condition, message] = statement.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
      if (!condition || isTestCode(context.model, statement)) return;
      const match = checkWords.exec(context.textOf(condition.startIndex, condition.endIndex));
      if (!match) return;
      const built = buildFix(statement, condition, message, context);
      context.report({
        node: statement,
        message: `This \`assert\` checks \`${match[0]}\`, and \`python -O\` (or \`PYTHONOPTIMIZE\`) removes every assert: the check would let everyone through. Raise an exception in an \`if\` instead.`,
        confidence: 'low',
        fix: typeof built === 'string' ? undefined : built,
        fixUnavailable: typeof built === 'string' ? built : undefined,
      });
    },
  },
};
