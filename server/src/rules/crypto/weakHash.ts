/**
 * ## What it does
 * Flags MD5, SHA-1 and older hashes (`hashlib.md5`, `hashlib.sha1`, `hashlib.new("md5")`,
 * PyCryptodome's `MD5`/`SHA1`, `cryptography`'s `hashes.MD5`/`hashes.SHA1`) unless the call says
 * `usedforsecurity=False`. Password hashing is the subject of its own rule.
 *
 * ## Why is this bad?
 * Collisions for MD5 and SHA-1 are cheap to compute: two different files, certificates or
 * messages with the same digest. A signature, integrity check or token built on them can be
 * forged. As a checksum with no attacker in the picture they are fine, and saying so with
 * `usedforsecurity=False` documents it (and keeps them working on FIPS systems).
 *
 * ## Example
 * ```python
 * signature = hashlib.md5(secret + payload).hexdigest()
 * etag = hashlib.md5(body).hexdigest()
 * ```
 *
 * ## Use instead
 * ```python
 * signature = hashlib.sha256(secret + payload).hexdigest()  # better: hmac.new(secret, payload, "sha256")
 * etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
 * ```
 *
 * ## References
 * - CWE-328: Use of Weak Hash
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Node } from '../../parser/parser';
import type { Fix, Rule, RuleContext } from '../../ruleApi/types';
import { argumentValue, hasSplat, keywordValue, literalString } from '../../semantic/calls';
import { isTestCode, purposeWords } from '../shared';
import { appendArgument } from '../../fixes/callEdits';
import { safeFix, unsafeFix } from '../../fixes/fix';

const weakNames = new Set(['md2', 'md4', 'md5', 'sha', 'sha1', 'ripemd160']);
const hashlibConstructors: Record<string, string> = { 'hashlib.md5': 'md5', 'hashlib.sha1': 'sha1' };
const libraryHashes: Record<string, string> = {
  'Crypto.Hash.MD2.new': 'MD2',
  'Crypto.Hash.MD4.new': 'MD4',
  'Crypto.Hash.MD5.new': 'MD5',
  'Crypto.Hash.SHA.new': 'SHA-1',
  'Crypto.Hash.SHA1.new': 'SHA-1',
  'Cryptodome.Hash.MD2.new': 'MD2',
  'Cryptodome.Hash.MD4.new': 'MD4',
  'Cryptodome.Hash.MD5.new': 'MD5',
  'Cryptodome.Hash.SHA.new': 'SHA-1',
  'Cryptodome.Hash.SHA1.new': 'SHA-1',
  'cryptography.hazmat.primitives.hashes.MD5': 'MD5',
  'cryptography.hazmat.primitives.hashes.SHA1': 'SHA-1',
};
/** Uses where nobody attacks the digest: a checksum of content, a cache key, an ETag. */
const checksumWords =
  /checksum|etag|e_tag|cache|fingerprint|dedup|md5sum|sha1sum|file_?hash|hash_?file|content_?hash|digest_?of|crc|shard|bucket/i;
const passwordWords = /passw|pwd|passphrase/i;

function isFalse(node: Node | undefined): boolean {
  return node?.type === 'false';
}

export const weakHash: Rule = {
  meta: {
    id: 'PSG310',
    name: 'weak-hash',
    title: 'MD5 or SHA-1 used where security may depend on it',
    defaultSeverity: 'warning',
    cwe: 328,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'passwords-hashed',
    bandit: ['B303', 'B324'],
    ruff: ['S303', 'S324'],
    fixable: true,
    fixes: [
      {
        title: 'Mark as not used for security (usedforsecurity=False)',
        applicability: 'safe',
        why: 'The digest stays the same; the call states that it is not a security use (and keeps working on FIPS builds).',
      },
      {
        title: 'Use SHA-256',
        applicability: 'unsafe',
        why: 'The digest changes: stored hashes and peers that expect the old algorithm no longer match. Not offered where a protocol requires MD5.',
      },
    ],
  },
  triggers: ['md', 'sha', 'SHA', 'MD', 'ripemd'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (!callee) return;
      let algorithm: string | undefined;
      let nameArgument: Node | undefined;
      if (hashlibConstructors[callee]) algorithm = hashlibConstructors[callee];
      else if (callee === 'hashlib.new') {
        nameArgument = argumentValue(call, 0, 'name');
        const name = literalString(context.model, nameArgument)?.toLowerCase();
        if (name && weakNames.has(name)) algorithm = name;
      } else if (libraryHashes[callee]) algorithm = libraryHashes[callee];
      if (!algorithm) return;
      if (isFalse(keywordValue(call, 'usedforsecurity')) || isTestCode(context.model, call)) return;
      const data = argumentValue(call, nameArgument ? 1 : 0, nameArgument ? 'data' : 'string');
      const purpose = `${purposeWords(call, context.model)} ${data?.text ?? ''}`;
      // Hashing a password is reported by the password-hashing rule, with its own advice.
      if (passwordWords.test(purpose)) return;
      const protocol = protocolRequiring(call, context);
      if (protocol?.authenticates) {
        context.report({
          node: call,
          message: `${protocol.name} requires ${algorithm.toUpperCase()}: the other side computes the same digest, so another algorithm would fail the exchange. ${algorithm.toUpperCase()} is broken; prefer a stronger mechanism where the server offers one (TLS, another authentication scheme).`,
          confidence: 'low',
          fixUnavailable: `${protocol.name} requires ${algorithm.toUpperCase()}: SHA-256 would break the exchange, and the digest authenticates, so it cannot be marked as not used for security`,
        });
        return;
      }
      const checksum = checksumWords.test(purpose) || !!protocol;
      context.report({
        node: call,
        message: checksum
          ? `${algorithm.toUpperCase()} is broken for security. If this is only a checksum, say so with \`usedforsecurity=False\`; otherwise use SHA-256.`
          : `${algorithm.toUpperCase()} is broken: collisions are cheap, so digests can be forged. Use SHA-256 (or \`hmac\` for signatures), or pass \`usedforsecurity=False\` if nobody relies on it for security.`,
        confidence: checksum ? 'low' : 'medium',
        ...fixFor(call, callee, nameArgument, checksum),
      });
    },
  },
};

function fixFor(
  call: Node,
  callee: string,
  nameArgument: Node | undefined,
  checksum: boolean,
): { fix?: Fix; fixUnavailable?: string } {
  if (!callee.startsWith('hashlib.'))
    return { fixUnavailable: 'library hash objects are replaced by hand (for example `SHA256.new`)' };
  if (checksum) {
    if (hasSplat(call)) return { fixUnavailable: 'the call passes `**kwargs`' };
    const edit = appendArgument(call, 'usedforsecurity=False');
    return edit
      ? { fix: safeFix('Mark as not used for security (usedforsecurity=False)', [edit]) }
      : { fixUnavailable: 'the argument list could not be extended' };
  }
  if (nameArgument) {
    const quote = nameArgument.text.match(/^[a-zA-Z]*(['"])/)?.[1] ?? '"';
    return {
      fix: unsafeFix('Use SHA-256', 'changes the digest', [
        { start: nameArgument.startIndex, end: nameArgument.endIndex, newText: `${quote}sha256${quote}` },
      ]),
    };
  }
  const fn = call.childForFieldName('function')!;
  if (fn.type !== 'attribute')
    return { fixUnavailable: 'the hash function was imported by name; import `sha256` instead' };
  const attribute = fn.childForFieldName('attribute')!;
  return {
    fix: unsafeFix('Use SHA-256', 'changes the digest', [
      { start: attribute.startIndex, end: attribute.endIndex, newText: 'sha256' },
    ]),
  };
}

/**
 * A protocol whose specification fixes the algorithm, named in the code around the call (its
 * function or class): POP3 APOP, CRAM-MD5, SASL DIGEST-MD5 and HTTP Digest authentication
 * authenticate with it; Content-MD5 only checks content.
 */
function protocolRequiring(call: Node, context: RuleContext): { name: string; authenticates: boolean } | undefined {
  const texts: string[] = [];
  let functions = 0;
  for (let current: Node | null = call.parent; current; current = current.parent) {
    if (current.type === 'function_definition' && functions++ < 2)
      texts.push(context.textOf(current.startIndex, current.endIndex));
    else if (current.type === 'class_definition') {
      texts.push(context.textOf(current.startIndex, current.endIndex));
      break;
    }
  }
  const around = texts.join('\n');
  if (!around) return undefined;
  if (/\bAPOP\b|\bdef apop\b/.test(around)) return { name: 'POP3 APOP', authenticates: true };
  if (/CRAM-MD5|cram_md5/i.test(around)) return { name: 'CRAM-MD5 authentication', authenticates: true };
  if (/DIGEST-MD5/i.test(around)) return { name: 'SASL DIGEST-MD5', authenticates: true };
  if (
    /algorithm\s*==\s*['"](?:MD5|MD5-SESS|SHA)['"]|MD5-sess/i.test(around) ||
    (/\bnonce\b/.test(around) && /\brealm\b/.test(around) && /\bqop\b|['"]Digest\b/.test(around))
  ) {
    return { name: 'HTTP Digest authentication', authenticates: true };
  }
  if (/Content-MD5|content_md5/i.test(around)) return { name: 'Content-MD5', authenticates: false };
  return undefined;
}
