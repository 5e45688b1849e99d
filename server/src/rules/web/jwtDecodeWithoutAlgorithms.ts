/**
 * ## What it does
 * Flags `jwt.decode(...)` (PyJWT, python-jose) called without an `algorithms=[...]` list.
 *
 * ## Why is this bad?
 * The token's own header names the algorithm it was signed with. A decoder that does not pin the
 * algorithms it accepts lets the attacker choose: `"alg": "none"` (no signature) in old versions,
 * or HS256 signed with the *public* RSA key, which the server then uses as an HMAC secret.
 * PyJWT 2 refuses to verify without `algorithms`, so the call also fails at runtime.
 *
 * ## Example
 * ```python
 * payload = jwt.decode(token, SECRET_KEY)
 * ```
 *
 * ## Use instead
 * ```python
 * payload = jwt.decode(token, SECRET_KEY, algorithms=["HS256"])
 * ```
 *
 * ## References
 * - CWE-347: Improper Verification of Cryptographic Signature
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Node } from '../../parser/parser';
import { hasSplat, keywordValue, literalString } from '../../semantic/calls';
import { appendArgument } from '../../fixes/callEdits';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { jwtCall } from './jwtCalls';
import { unsafeFix } from '../../fixes/fix';

/** The algorithm the file signs its tokens with, when every `jwt.encode` names the same one. */
function encodeAlgorithm(context: RuleContext): string | undefined {
  const seen = new Set<string>();
  for (const call of context.model.root.descendantsOfType('call')) {
    if (!call || jwtCall(call, context) !== 'encode') continue;
    const algorithm = literalString(context.model, keywordValue(call, 'algorithm'));
    if (algorithm && /^[A-Z]{2}\d{3}$|^EdDSA$/.test(algorithm)) seen.add(algorithm);
  }
  return seen.size === 1 ? [...seen][0] : undefined;
}

/**
 * `options={"verify_signature": False}` or `verify=False`: the decode does not verify at all (another rule's finding).
 */
function verificationOff(call: Node): boolean {
  if (keywordValue(call, 'verify')?.type === 'false') return true;
  const options = keywordValue(call, 'options');
  return !!options && /["']verify_signature["']\s*:\s*False/.test(options.text);
}

export const jwtDecodeWithoutAlgorithms: Rule = {
  meta: {
    id: 'PSG602',
    name: 'jwt-decode-without-algorithms',
    title: 'JWT decoded without a pinned algorithm list',
    defaultSeverity: 'error',
    cwe: 347,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Accept only <algorithm> tokens',
        applicability: 'unsafe',
        why: 'Tokens signed with any other algorithm are refused: the point of the fix, but it also breaks issuers that used another one.',
      },
    ],
  },
  requiresImport: ['jwt', 'jose'],
  wholeFile: true,
  triggers: ['jwt'],
  visitors: {
    call(call, context) {
      if (
        jwtCall(call, context) !== 'decode' ||
        keywordValue(call, 'algorithms') ||
        hasSplat(call) ||
        verificationOff(call)
      )
        return;
      const algorithm = encodeAlgorithm(context) ?? 'HS256';
      const edit = appendArgument(call, `algorithms=["${algorithm}"]`);
      const fix: Fix | undefined = edit
        ? unsafeFix(`Accept only ${algorithm} tokens`, 'tokens signed with other algorithms are refused', [edit])
        : undefined;
      context.report({
        node: call,
        message: `\`jwt.decode\` without \`algorithms=\` lets the token's header choose how it is verified ("none", or HS256 keyed with a public key). Pin the algorithm list${encodeAlgorithm(context) ? ` to the ${algorithm} this file signs with` : ''}.`,
        confidence: 'high',
        fix,
      });
    },
  },
};
