/**
 * ## What it does
 * Flags plain-`http://` URLs to hosts other than the local machine passed to `requests`, `httpx`,
 * `urllib3`, `aiohttp` or `urllib.request` calls, written in the call or held by a name. Test
 * code is not flagged.
 *
 * ## Why is this bad?
 * Plain HTTP is readable and changeable by anyone on the network path. Credentials, tokens and
 * personal data sent over it leak, and responses (including downloaded code or configuration) can
 * be replaced.
 *
 * ## Example
 * ```python
 * requests.post("http://api.example.org/login", data=credentials)
 * ```
 *
 * ## Use instead
 * ```python
 * requests.post("https://api.example.org/login", data=credentials)
 * ```
 *
 * ## References
 * - CWE-319: Cleartext Transmission of Sensitive Information
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Node } from '../../parser/parser';
import { argumentValue } from '../../semantic/calls';
import type { Fix, Rule } from '../../ruleApi/types';
import { isTestCode } from '../shared';
import { httpClientCall, isLocalHost } from './httpClients';
import { unsafeFix } from '../../fixes/fix';

/** The string literal a URL expression starts with, written in the call: `"http://h/" + path` → `"http://h/"`. */
function leadingLiteral(node: Node): Node | undefined {
  if (node.type === 'string') return node;
  if (node.type === 'concatenated_string') return node.namedChildren[0] ?? undefined;
  if (node.type === 'parenthesized_expression')
    return node.namedChildren[0] ? leadingLiteral(node.namedChildren[0]) : undefined;
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+')
    return leadingLiteral(node.childForFieldName('left')!);
  return undefined;
}

export const plainHttpUrl: Rule = {
  meta: {
    id: 'PSG503',
    name: 'plain-http-url',
    title: 'Plain-HTTP URL to a remote host',
    defaultSeverity: 'warning',
    cwe: 319,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'https-enforced',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Use https://',
        applicability: 'unsafe',
        why: 'The server must answer HTTPS on the same host; one that speaks only HTTP is no longer reached.',
      },
    ],
  },
  triggers: ['http://'],
  visitors: {
    call(call, context) {
      const client = httpClientCall(call, context);
      if (!client || isTestCode(context.model, call)) return;
      const method = client.split('.').pop() ?? '';
      const index = method === 'request' ? 1 : 0;
      const url = argumentValue(call, index, 'url');
      if (!url) return;
      const shape = context.model.stringShape(url);
      const first = shape.parts[0];
      if (!shape.isString || first?.kind !== 'text') return;
      const match = /^http:\/\/(\[[^\]]+\]|[^/:?#\s]+)(?=[/:?#]|$)/i.exec(first.text);
      if (!match || (shape.parts.length > 1 && first.text.length === match[0].length)) return;
      if (isLocalHost(match[1])) return;
      let fix: Fix | undefined;
      let fixUnavailable: string | undefined;
      const literal = leadingLiteral(url);
      // The literal's opening quote is followed directly by the scheme (`"http://`, `f"http://`).
      const offset = literal ? literal.text.search(/^[a-zA-Z]*["']{1,3}http:\/\//) : -1;
      if (literal && offset === 0) {
        const at = literal.startIndex + literal.text.indexOf('http://');
        fix = unsafeFix('Use https://', 'the server must speak HTTPS', [
          { start: at, end: at + 'http://'.length, newText: 'https://' },
        ]);
      } else fixUnavailable = 'the URL is not written in the call';
      context.report({
        node: url,
        message: `Plain-HTTP request to \`${match[1]}\` in \`${client}\`: anyone on the network path can read and change it. Use https://.`,
        confidence: 'high',
        fix,
        fixUnavailable,
      });
    },
  },
};
