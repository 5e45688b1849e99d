/**
 * ## What it does
 * Flags broken ciphers and the ECB mode: DES, Triple DES, RC2, RC4 (ARC4), Blowfish, IDEA, CAST5,
 * SEED and XOR from PyCryptodome/PyCrypto (`Crypto.Cipher`) and `cryptography`, and
 * `modes.ECB()` or `AES.MODE_ECB`.
 *
 * ## Why is this bad?
 * These ciphers have small keys or blocks (brute force, Sweet32) or biased keystreams (RC4). ECB
 * encrypts equal blocks to equal ciphertext, so the structure of the data shows through, and it
 * offers no integrity: blocks can be cut and pasted.
 *
 * ## Example
 * ```python
 * cipher = AES.new(key, AES.MODE_ECB)
 * ```
 *
 * ## Use instead
 * ```python
 * cipher = AES.new(key, AES.MODE_GCM)  # or cryptography's AESGCM / Fernet
 * ```
 *
 * ## References
 * - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Rule } from '../../ruleApi/types';
import { argumentValue } from '../../semantic/calls';

const brokenCiphers = ['ARC2', 'ARC4', 'Blowfish', 'DES', 'DES3', 'XOR', 'CAST'];
const cryptographyCiphers = ['ARC4', 'Blowfish', 'IDEA', 'CAST5', 'SEED', 'TripleDES'];
const cipherNames = new Map<string, string>([
  ...['Crypto', 'Cryptodome'].flatMap((root) =>
    brokenCiphers.map((name) => [`${root}.Cipher.${name}.new`, name] as [string, string]),
  ),
  ...cryptographyCiphers.flatMap((name) => [
    [`cryptography.hazmat.primitives.ciphers.algorithms.${name}`, name] as [string, string],
    [`cryptography.hazmat.decrepit.ciphers.algorithms.${name}`, name] as [string, string],
  ]),
]);
const ecbModes = new Set(['cryptography.hazmat.primitives.ciphers.modes.ECB']);

export const weakCipher: Rule = {
  meta: {
    id: 'PSG311',
    name: 'weak-cipher',
    title: 'Broken cipher or ECB mode',
    defaultSeverity: 'warning',
    cwe: 327,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'strong-encryption',
    bandit: ['B304', 'B305'],
    ruff: ['S304', 'S305'],
    fixable: false,
  },
  triggers: ['Cipher', 'ciphers', 'ECB'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (!callee) return;
      const cipher = cipherNames.get(callee);
      if (cipher) {
        context.report({
          node: call,
          message: `${cipher} is a broken cipher (short key or block, or a biased keystream). Use AES-GCM or ChaCha20-Poly1305 (\`cryptography\`'s AESGCM, or Fernet).`,
          confidence: 'high',
        });
        return;
      }
      if (ecbModes.has(callee)) {
        context.report({
          node: call,
          message:
            'ECB mode encrypts equal blocks to equal ciphertext and has no integrity. Use an authenticated mode: GCM (`modes.GCM`, or `AESGCM`).',
          confidence: 'high',
        });
        return;
      }
      if (/^Crypto(?:dome)?\.Cipher\.\w+\.new$/.test(callee)) {
        const mode = argumentValue(call, 1, 'mode');
        const modeName = context.model.qualifiedName(mode);
        if (mode && modeName && /\.MODE_ECB$/.test(modeName)) {
          context.report({
            node: mode,
            message:
              'ECB mode encrypts equal blocks to equal ciphertext and has no integrity. Use `MODE_GCM` (or `MODE_EAX`).',
            confidence: 'high',
          });
        }
      }
    },
  },
};
