/**
 * ## What it does
 * Flags `==` and `!=` comparisons of passwords or password hashes (`user.password_hash ==
 * hashlib.sha256(pw).hexdigest()`, `stored_hash == computed`, `user.password == password`).
 *
 * ## Why is this bad?
 * `==` stops at the first byte that differs, so the time it takes tells an attacker how much of a
 * guess was right, and a hash can be recovered byte by byte. Comparing a plaintext password means
 * the password is stored in plaintext, which a single database leak exposes.
 *
 * ## Example
 * ```python
 * if hashlib.sha256(password.encode()).hexdigest() == user.password_hash:
 *     login(user)
 * ```
 *
 * ## Use instead
 * ```python
 * if bcrypt.checkpw(password.encode(), user.password_hash):
 *     login(user)
 * ```
 * For tokens and digests that must stay as they are, `hmac.compare_digest(a, b)` compares in
 * constant time.
 *
 * ## References
 * - CWE-208: Observable Timing Discrepancy
 * - CWE-256: Plaintext Storage of a Password
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Node } from '../../parser/parser';
import { ensureModuleImported } from '../../fixes/python';
import { splitWords } from '../secrets/secretInLog';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { isPasswordName, passwordValueIn } from './passwordNames';
import { unsafeFix } from '../../fixes/fix';

/** The name of an operand: `x`, `user.password_hash` → `password_hash`, `row["pw_hash"]` → `pw_hash`. */
function operandName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  if (node.type === 'subscript')
    return /^[rbuRBU]?["'](\w+)["']$/.exec(node.childForFieldName('subscript')?.text ?? '')?.[1];
  return undefined;
}

const isHashWord = (name: string) => splitWords(name).some((word) => /^(?:hash|hashed|digest|hashes)$/.test(word));
const isDigestCall = (node: Node) =>
  node.type === 'call' && /\.(?:hexdigest|digest)$/.test(node.childForFieldName('function')?.text ?? '');

function kind(node: Node): 'password-hash' | 'password' | 'hash' | undefined {
  const name = operandName(node);
  if (name && isPasswordName(name)) return isHashWord(name) ? 'password-hash' : 'password';
  if (name && isHashWord(name)) return 'hash';
  if (isDigestCall(node)) return passwordValueIn(node) ? 'password-hash' : 'hash';
  return undefined;
}

/** `user.password`, `row["password"]`: a value read from a stored record. */
const isStored = (node: Node) => node.type === 'attribute' || node.type === 'subscript';
/** `confirm_password`, `new_password`: comparing two entries of one form is not a login check. */
const isConfirmation = (node: Node) =>
  splitWords(operandName(node) ?? '').some((word) =>
    /^(?:confirm|confirmation|confirmed|repeat|repeated|again|retype|new|old|verify|verification|check|data)$/.test(
      word,
    ),
  ) || /\b(?:confirm|repeat|new|old)\w*\.data$/.test(node.text);
const isConstantOperand = (node: Node) =>
  ['string', 'concatenated_string', 'none', 'true', 'false', 'integer', 'float'].includes(node.type);

export const passwordHashCompared: Rule = {
  meta: {
    id: 'PSG302',
    name: 'password-compared-with-equals',
    title: 'Password or hash compared with ==',
    defaultSeverity: 'warning',
    cwe: 208,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'passwords-hashed',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Compare in constant time with hmac.compare_digest',
        applicability: 'unsafe',
        why: 'hmac.compare_digest raises TypeError for non-ASCII str or a str compared with bytes, where == returned False.',
      },
    ],
  },
  triggers: ['pass', 'pw', 'hash', 'digest'],
  visitors: {
    comparison_operator(node, context: RuleContext) {
      const operands = node.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
      const operators = node.children.filter((n) => n && !n.isNamed).map((n) => n.text);
      if (operands.length !== 2 || operators.length !== 1 || (operators[0] !== '==' && operators[0] !== '!=')) return;
      const [left, right] = operands;
      if (isConstantOperand(left) || isConstantOperand(right)) return;
      const kinds = [kind(left), kind(right)];
      const hashed = kinds.includes('password-hash');
      const plaintext =
        !hashed &&
        kinds[0] === 'password' &&
        kinds[1] === 'password' &&
        isStored(left) !== isStored(right) &&
        ![left, right].some(isConfirmation);
      if (!hashed && !plaintext) return;
      let fix: Fix | undefined;
      let fixUnavailable: string | undefined;
      if (plaintext)
        fixUnavailable =
          'a plaintext password should not be stored at all; hash it with bcrypt or argon2 and verify with their check function';
      else {
        const hmac = ensureModuleImported(context, 'hmac', node);
        if (!hmac) fixUnavailable = 'the name `hmac` is already used for something else in this file';
        else {
          const negate = operators[0] === '!=' ? 'not ' : '';
          fix = unsafeFix(
            'Compare in constant time with hmac.compare_digest',
            'raises TypeError for non-ASCII text or mixed types',
            [
              ...hmac.edits,
              {
                start: node.startIndex,
                end: node.endIndex,
                newText: `${negate}hmac.compare_digest(${left.text}, ${right.text})`,
              },
            ],
          );
        }
      }
      context.report({
        node,
        message: plaintext
          ? 'Passwords compared with `==`: the password is kept in plaintext and compared in variable time. Store a bcrypt/argon2 hash and verify with its check function.'
          : 'Password hash compared with `==`, which leaks by its timing how much matched. Use `bcrypt.checkpw`/argon2 `verify`, or `hmac.compare_digest`.',
        confidence: kinds.includes('password-hash') ? 'high' : 'medium',
        fix,
        fixUnavailable,
      });
    },
  },
};
