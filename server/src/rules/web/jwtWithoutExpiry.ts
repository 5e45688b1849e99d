/**
 * ## What it does
 * Flags `jwt.encode(payload, ...)` where the payload is a dict literal (in the call or assigned to
 * a name) without an `"exp"` claim, and the function never adds one.
 *
 * ## Why is this bad?
 * A token without an expiry is valid forever: one leaked from a log, a browser or a proxy keeps
 * working after the password is changed and the user has logged out, and cannot be revoked
 * without rotating the signing key for everyone.
 *
 * ## Example
 * ```python
 * token = jwt.encode({"user_id": user_id}, SECRET_KEY, algorithm="HS256")
 * ```
 *
 * ## Use instead
 * ```python
 * payload = {
 *     "user_id": user_id,
 *     "exp": datetime.now(tz=timezone.utc) + timedelta(hours=24),
 * }
 * token = jwt.encode(payload, SECRET_KEY, algorithm="HS256")
 * ```
 *
 * ## References
 * - CWE-613: Insufficient Session Expiration
 * - OWASP Top 10 2021 A07: Identification and Authentication Failures
 */
import type { Node } from '../../parser/parser';
import { argumentValue } from '../../semantic/calls';
import type { Rule } from '../../ruleApi/types';
import { jwtCall } from './jwtCalls';

export const jwtWithoutExpiry: Rule = {
  meta: {
    id: 'PSG604',
    name: 'jwt-without-expiry',
    title: 'JWT issued without an expiry',
    defaultSeverity: 'warning',
    cwe: 613,
    owasp: 'A07:2021-Identification and Authentication Failures',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['jwt'],
  visitors: {
    call(call, context) {
      if (jwtCall(call, context) !== 'encode') return;
      const payload = argumentValue(call, 0, 'payload') ?? argumentValue(call, 0, 'claims');
      if (!payload) return;
      let literal: Node | undefined = payload.type === 'dictionary' ? payload : undefined;
      if (payload.type === 'identifier') {
        const value = context.model.assignedValue(payload);
        if (value?.type === 'dictionary') literal = value;
      }
      if (!literal || literal.namedChildren.some((child) => child?.type === 'dictionary_splat')) return;
      if (/["']exp["']/.test(literal.text)) return;
      // The claim may be added between the literal and the call (`payload["exp"] = ...`, `payload.update(exp=...)`).
      const scope = context.model.enclosingFunction(call) ?? context.model.root;
      if (/["']exp["']|\bexp\s*=/.test(context.textOf(scope.startIndex, scope.endIndex).replace(literal.text, '')))
        return;
      context.report({
        node: payload,
        message: 'The token has no `"exp"` claim, so it never expires: a leaked token works forever. Add an expiry.',
        confidence: 'medium',
      });
    },
  },
};
