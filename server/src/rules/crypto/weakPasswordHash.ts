/**
 * ## What it does
 * Flags passwords hashed with a fast general-purpose hash: `hashlib.md5`, `sha1`, `sha256`,
 * `sha512`, `sha3_*`, `blake2*` or `hashlib.new(...)` applied to (or `update`d with) a value whose
 * name says it is a password.
 *
 * ## Why is this bad?
 * General-purpose hashes are built to be fast: a single GPU computes billions of SHA-256 hashes a
 * second, so a leaked table of such hashes is cracked by brute force and dictionaries in hours,
 * and unsalted ones by precomputed tables at once. Password hashes must be slow, salted and tunable.
 *
 * ## Example
 * ```python
 * stored = hashlib.sha256(password.encode()).hexdigest()
 * ```
 *
 * ## Use instead
 * ```python
 * import bcrypt
 *
 * stored = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
 * ```
 * Or argon2-cffi's `PasswordHasher().hash(password)`, or passlib's `bcrypt.hash(password)`.
 * Changing the hash changes what is stored, so migrate existing hashes on the next login.
 *
 * ## References
 * - CWE-916: Use of Password Hash With Insufficient Computational Effort
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Node } from '../../parser/parser';
import { positionalArgument, keywordValue } from '../../semantic/calls';
import type { Rule, RuleContext } from '../../ruleApi/types';
import { passwordValueIn } from './passwordNames';

const fastHashes =
  /^hashlib\.(?:md5|sha1|sha224|sha256|sha384|sha512|sha3_224|sha3_256|sha3_384|sha3_512|blake2b|blake2s|new)$/;

function hashNameOf(call: Node, context: RuleContext): string | undefined {
  const callee = context.model.calleeName(call);
  if (!callee || !fastHashes.test(callee)) return undefined;
  return callee === 'hashlib.new' ? 'hashlib.new' : callee;
}

function flag(context: RuleContext, data: Node | undefined, hash: string): void {
  if (!data) return;
  const password = passwordValueIn(data);
  if (!password) return;
  context.report({
    node: data,
    message: `\`${password.text}\` is hashed with \`${hash}\`, a fast hash that is cracked by brute force. Use bcrypt, argon2 or scrypt for passwords.`,
    confidence: 'high',
  });
}

export const weakPasswordHash: Rule = {
  meta: {
    id: 'PSG301',
    name: 'weak-password-hash',
    title: 'Password hashed with a fast hash',
    defaultSeverity: 'error',
    cwe: 916,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'passwords-hashed',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['hashlib'],
  visitors: {
    call(call, context) {
      const hash = hashNameOf(call, context);
      if (hash) {
        flag(
          context,
          hash === 'hashlib.new'
            ? (positionalArgument(call, 1) ?? keywordValue(call, 'data'))
            : (positionalArgument(call, 0) ?? keywordValue(call, 'data') ?? keywordValue(call, 'string')),
          hash,
        );
        return;
      }
      // h = hashlib.sha256(); h.update(password.encode())
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'update') return;
      const path = context.model.resolvedPath(fn.childForFieldName('object'));
      const match = path && /^(hashlib\.\w+)\(\)$/.exec(path);
      if (match && fastHashes.test(match[1])) flag(context, positionalArgument(call, 0), match[1]);
    },
  },
};
