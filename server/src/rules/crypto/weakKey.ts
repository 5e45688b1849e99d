/**
 * ## What it does
 * Flags RSA and DSA keys generated with fewer than 2048 bits, and elliptic-curve keys on curves
 * under 224 bits, with `cryptography` or PyCryptodome/PyCrypto.
 *
 * ## Why is this bad?
 * A 1024-bit RSA or DSA key is within reach of well-funded attackers, and 512-bit keys are
 * factored on rented hardware in hours. Everything the key protects is exposed once it is broken.
 *
 * ## Example
 * ```python
 * key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
 * ```
 *
 * ## Use instead
 * ```python
 * key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # 3072 for keys that must last
 * ```
 *
 * ## References
 * - CWE-326: Inadequate Encryption Strength
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 * - NIST SP 800-57 Part 1, key sizes
 */
import type { Node } from '../../parser/parser';
import type { Rule } from '../../ruleApi/types';
import { unsafeFix } from '../../fixes/fix';
import { argumentValue } from '../../semantic/calls';

const MINIMUM_BITS = 2048;
/** Generator, the positional index and keyword of its size argument. */
const generators: Record<string, [number, string]> = {
  'cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key': [1, 'key_size'],
  'cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key': [0, 'key_size'],
  'Crypto.PublicKey.RSA.generate': [0, 'bits'],
  'Crypto.PublicKey.DSA.generate': [0, 'bits'],
  'Cryptodome.PublicKey.RSA.generate': [0, 'bits'],
  'Cryptodome.PublicKey.DSA.generate': [0, 'bits'],
};
const weakCurves = new Set(['SECP192R1', 'SECT163K1', 'SECT163R2']);

function integerValue(node: Node | undefined): number | undefined {
  if (node?.type !== 'integer') return undefined;
  const value = Number(node.text.replace(/_/g, ''));
  return Number.isSafeInteger(value) ? value : undefined;
}

export const weakKey: Rule = {
  meta: {
    id: 'PSG312',
    name: 'weak-key-size',
    title: 'Cryptographic key too small',
    defaultSeverity: 'error',
    cwe: 326,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'strong-encryption',
    bandit: ['B505'],
    ruff: ['S505'],
    fixable: true,
    fixes: [
      {
        title: 'Use a <bits>-bit key',
        applicability: 'unsafe',
        why: 'Generates a larger key: slower, and peers limited to small keys no longer interoperate.',
      },
    ],
  },
  triggers: ['generate'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (!callee) return;
      const generator = generators[callee];
      if (generator) {
        const size = argumentValue(call, generator[0], generator[1]);
        const bits = integerValue(size);
        if (size && bits !== undefined && bits < MINIMUM_BITS) {
          context.report({
            node: size,
            message: `A ${bits}-bit ${/dsa/i.test(callee) ? 'DSA' : 'RSA'} key can be broken; use at least ${MINIMUM_BITS} bits (3072 for keys that must last beyond 2030).`,
            confidence: 'high',
            fix: unsafeFix(`Use a ${MINIMUM_BITS}-bit key`, 'generates a larger key', [
              { start: size.startIndex, end: size.endIndex, newText: String(MINIMUM_BITS) },
            ]),
          });
        }
        return;
      }
      if (callee === 'cryptography.hazmat.primitives.asymmetric.ec.generate_private_key') {
        const curve = argumentValue(call, 0, 'curve');
        const curveName = context.model
          .qualifiedName(curve?.type === 'call' ? curve.childForFieldName('function') : curve)
          ?.split('.')
          .pop();
        if (curve && curveName && weakCurves.has(curveName)) {
          context.report({
            node: curve,
            message: `${curveName} gives under 112 bits of security; use SECP256R1 or larger.`,
            confidence: 'high',
          });
        }
      }
    },
  },
};
