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
import { argumentValue } from '../../semantic/calls';
import type { Fix, Rule } from '../types';
import { isTestCode } from '../shared';
import { httpClientCall, isLocalHost } from './httpClients';

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
      const literal = url.type === 'string' ? url : undefined;
      const start = literal?.namedChildren.find((child) => child?.type === 'string_content' || child?.type === 'string_start');
      if (literal && start) {
        const offset = literal.text.indexOf('http://');
        fix = { title: 'Use https://', edits: [{ start: literal.startIndex + offset, end: literal.startIndex + offset + 'http://'.length, newText: 'https://' }] };
      } else fixUnavailable = 'the URL is not written in the call';
      context.report({ node: url, message: `Plain-HTTP request to \`${match[1]}\` in \`${client}\`: anyone on the network path can read and change it. Use https://.`, confidence: 'high', fix, fixUnavailable });
    },
  },
};
