/**
 * ## What it does
 * Flags SSL and TLS protocol versions that are broken or deprecated: `ssl.PROTOCOL_SSLv2`,
 * `PROTOCOL_SSLv3`, `PROTOCOL_TLSv1`, `PROTOCOL_TLSv1_1`, `ssl.TLSVersion.SSLv3`/`TLSv1`/`TLSv1_1`
 * and pyOpenSSL's `SSLv2_METHOD` … `TLSv1_1_METHOD`.
 *
 * ## Why is this bad?
 * SSL 2 and 3 are broken (DROWN, POODLE); TLS 1.0 and 1.1 were deprecated by RFC 8996 and lack
 * modern cipher suites. Pinning a connection to them lets an attacker on the path decrypt or
 * downgrade it, and many servers now refuse them.
 *
 * ## Example
 * ```python
 * context = ssl.SSLContext(ssl.PROTOCOL_TLSv1)
 * ```
 *
 * ## Use instead
 * ```python
 * context = ssl.create_default_context()
 * context.minimum_version = ssl.TLSVersion.TLSv1_2
 * ```
 *
 * ## References
 * - CWE-327: Use of a Broken or Risky Cryptographic Algorithm
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 * - RFC 8996: Deprecating TLS 1.0 and TLS 1.1
 */
import type { Node } from '../../parser/parser';
import { referenceName } from '../../semantic/calls';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { unsafeFix } from '../../fixes/fix';

const oldProtocols = new Set([
  'ssl.PROTOCOL_SSLv2',
  'ssl.PROTOCOL_SSLv3',
  'ssl.PROTOCOL_TLSv1',
  'ssl.PROTOCOL_TLSv1_1',
  'OpenSSL.SSL.SSLv2_METHOD',
  'OpenSSL.SSL.SSLv3_METHOD',
  'OpenSSL.SSL.SSLv23_METHOD',
  'OpenSSL.SSL.TLSv1_METHOD',
  'OpenSSL.SSL.TLSv1_1_METHOD',
]);
const oldVersions = new Set(['ssl.TLSVersion.SSLv3', 'ssl.TLSVersion.TLSv1', 'ssl.TLSVersion.TLSv1_1']);

function checkReference(node: Node, context: RuleContext): void {
  const name = referenceName(context.model, node);
  if (!name) return;
  if (oldVersions.has(name)) {
    // As a minimum_version the safe rewrite is the lowest version still considered secure.
    const attribute = node.type === 'attribute' ? node.childForFieldName('attribute')! : node;
    const fix: Fix = unsafeFix('Require TLS 1.2 or later', 'servers without TLS 1.2 are refused', [
      { start: attribute.startIndex, end: attribute.endIndex, newText: 'TLSv1_2' },
    ]);
    context.report({
      node,
      message: `\`${name}\` allows a deprecated protocol version. Require TLS 1.2 or later.`,
      confidence: 'high',
      fix,
    });
  } else if (oldProtocols.has(name)) {
    context.report({
      node,
      message: `\`${name}\` pins a broken or deprecated protocol. Use \`ssl.create_default_context()\` (or \`PROTOCOL_TLS_CLIENT\`) with \`minimum_version = ssl.TLSVersion.TLSv1_2\`.`,
      confidence: 'high',
    });
  }
}

export const oldTlsProtocol: Rule = {
  meta: {
    id: 'PSG502',
    name: 'old-tls-protocol',
    title: 'Broken or deprecated SSL/TLS version',
    defaultSeverity: 'error',
    cwe: 327,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'https-enforced',
    bandit: ['B502', 'B503'],
    ruff: ['S502', 'S503'],
    fixable: true,
    fixes: [
      {
        title: 'Require TLS 1.2 or later',
        applicability: 'unsafe',
        why: 'Servers that speak only TLS 1.0/1.1 or SSL are refused.',
      },
    ],
  },
  triggers: ['SSL', 'TLS'],
  visitors: {},
  references: {
    names: [...new Set([...oldProtocols, ...oldVersions].map((name) => name.split('.').pop()!))],
    visit: checkReference,
  },
};
