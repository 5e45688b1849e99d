/**
 * ## What it does
 * Flags `try` blocks that call a security check (`verify*`, `jwt.decode`, `check_password`,
 * `has_perm`, `authenticate`, `authorize*`, `validate*`, `compare_digest`, `match_hostname`,
 * signature checks, CSRF checks) and whose `except` clause only `pass`es or `continue`s. Bandit's
 * B110 and B112 (and Ruff's S110 and S112) report every such clause; this rule reports, at low
 * confidence, only those around a check that ends the `try` block (a `pass` under B110, a
 * `continue` under B112: `# nosec B110` or `# nosec B112` suppresses it). A block that records success after the check (`ok = True`, `return True`,
 * `count += 1`) is trying alternatives, and is not reported.
 *
 * ## Why is this bad?
 * A failed check raises, and the handler throws the failure away: the code after the `try` runs
 * as if the token, the signature or the password were good. An attacker needs only to make the
 * check fail.
 *
 * ## Example
 * ```python
 * try:
 *     claims = jwt.decode(token, key, algorithms=["HS256"])
 * except Exception:
 *     pass
 * ```
 *
 * ## Use instead
 * ```python
 * try:
 *     claims = jwt.decode(token, key, algorithms=["HS256"])
 * except jwt.InvalidTokenError:
 *     abort(401)
 * ```
 *
 * ## References
 * - CWE-390: Detection of Error Condition Without Action
 * - CWE-703: Improper Check or Handling of Exceptional Conditions
 * - OWASP Top 10 2021 A07: Identification and Authentication Failures
 */
import type { Node } from '../../parser/parser';
import type { Rule } from '../../ruleApi/types';
import { isTestCode } from '../shared';

const checkCalls =
  /\b(?:verify\w*|\w+_verify|jwt\.decode|decode_token|check_password\w*|check_permissions?|has_perms?|has_permission|authenticate|authori[sz]e\w*|validate\w*|compare_digest|match_hostname|unsign|loads_signed|check_signature|check_csrf\w*|protect_csrf|csrf_protect\w*|is_valid_token|raise_for_status)\s*\(/;

/** `pass`, `continue` or `...` and nothing else. */
function swallows(clause: Node): 'pass' | 'continue' | undefined {
  const body = clause.namedChildren.find((n) => n?.type === 'block');
  const statements = body?.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment') ?? [];
  if (statements.length !== 1) return undefined;
  const only = statements[0];
  if (only.type === 'pass_statement') return 'pass';
  if (only.type === 'continue_statement') return 'continue';
  if (only.type === 'expression_statement' && only.namedChildren[0]?.type === 'ellipsis') return 'pass';
  return undefined;
}

export const swallowedSecurityCheck: Rule = {
  meta: {
    id: 'PSG148',
    name: 'swallowed-security-check',
    title: 'Failure of a security check caught and ignored',
    defaultSeverity: 'warning',
    cwe: 390,
    owasp: 'A07:2021-Identification and Authentication Failures',
    checklistItem: 'input-validated',
    bandit: ['B110', 'B112'],
    ruff: ['S110', 'S112'],
    fixable: false,
  },
  triggers: ['except'],
  visitors: {
    try_statement(statement, context) {
      const body = statement.childForFieldName('body');
      const statements = body?.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment') ?? [];
      const last = statements[statements.length - 1];
      if (!last) return;
      // The check must end the block: `check(); ok = True` or `check(); return True` records success, and a
      // swallowed failure leaves that record unset (trying alternatives), which is not skipping the check.
      const match = checkCalls.exec(context.textOf(last.startIndex, last.endIndex));
      if (!match || isTestCode(context.model, statement)) return;
      const check = match[0].slice(0, -1).trimEnd();
      for (const clause of statement.namedChildren) {
        if (clause?.type !== 'except_clause') continue;
        const how = swallows(clause);
        if (!how) continue;
        context.report({
          node: clause,
          message: `A failure of \`${check}\` is caught and ignored (\`${how}\`): the code goes on as if the check had passed. Deny the request (raise, return an error) in the handler, and catch only the check's own exception.`,
          confidence: 'low',
          fixUnavailable: 'what a failed check should do (deny, log out, retry) depends on the code',
        });
      }
    },
  },
};
