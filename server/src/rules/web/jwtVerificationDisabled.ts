/**
 * ## What it does
 * Flags JSON Web Tokens that are not really signed or not really checked: `jwt.decode` with
 * `options={"verify_signature": False}` (or PyJWT 1's `verify=False`), an `algorithms` list that
 * accepts `"none"`, and `jwt.encode(..., algorithm="none")`.
 *
 * ## Why is this bad?
 * A JWT is only as trustworthy as its signature check. Without one, anyone can write a token that
 * says `"user_id": 1, "admin": true` and the application believes it.
 *
 * ## Example
 * ```python
 * claims = jwt.decode(token, options={"verify_signature": False})
 * ```
 *
 * ## Use instead
 * ```python
 * claims = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])
 * ```
 * To read a token's header before choosing a key, use `jwt.get_unverified_header(token)` and
 * then verify with the chosen key.
 *
 * ## References
 * - CWE-347: Improper Verification of Cryptographic Signature
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Node } from '../../parser/parser';
import { keywordValue, literalString } from '../../semantic/calls';
import type { Rule, RuleContext } from '../../ruleApi/types';
import { jwtCall } from './jwtCalls';

function verifySignatureOff(options: Node | undefined): Node | undefined {
  if (options?.type !== 'dictionary') return undefined;
  for (const pair of options.namedChildren) {
    if (pair?.type !== 'pair') continue;
    if (
      /^["']verify_signature["']$/.test(pair.childForFieldName('key')?.text ?? '') &&
      pair.childForFieldName('value')?.type === 'false'
    )
      return pair;
  }
  return undefined;
}

function noneIn(list: Node | undefined, context: RuleContext): Node | undefined {
  if (!list) return undefined;
  const items = list.type === 'list' || list.type === 'tuple' ? list.namedChildren : [list];
  return items.find((item) => item && literalString(context.model, item)?.toLowerCase() === 'none') ?? undefined;
}

export const jwtVerificationDisabled: Rule = {
  meta: {
    id: 'PSG603',
    name: 'jwt-signature-not-verified',
    title: 'JWT signature not verified or not signed',
    defaultSeverity: 'error',
    cwe: 347,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['jwt'],
  visitors: {
    call(call, context) {
      const kind = jwtCall(call, context);
      if (kind === 'decode') {
        const off =
          verifySignatureOff(keywordValue(call, 'options')) ??
          (keywordValue(call, 'verify')?.type === 'false' ? keywordValue(call, 'verify')!.parent! : undefined);
        if (off) {
          context.report({
            node: off,
            message:
              'The JWT is decoded without checking its signature: anyone can forge its claims. Verify with the key and a pinned `algorithms` list.',
            confidence: 'high',
          });
          return;
        }
        const none = noneIn(keywordValue(call, 'algorithms'), context);
        if (none)
          context.report({
            node: none,
            message:
              'The `"none"` algorithm accepts unsigned tokens: anyone can forge them. Remove it from `algorithms`.',
            confidence: 'high',
          });
      } else if (kind === 'encode') {
        const none = noneIn(keywordValue(call, 'algorithm'), context);
        if (none)
          context.report({
            node: none,
            message:
              'Tokens signed with `"none"` carry no signature: anyone can forge them. Sign with HS256 (a secret key) or RS256/ES256 (a key pair).',
            confidence: 'high',
          });
      }
    },
  },
};
