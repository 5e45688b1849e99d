/**
 * ## What it does
 * Flags `urllib.request.urlopen`, `urlretrieve`, `Request` and `URLopener` given a URL that is not
 * a constant and does not visibly start with `http://` or `https://`, and any URL constant with
 * the `file:` scheme.
 *
 * ## Why is this bad?
 * `urlopen` also opens `file:` URLs (and custom schemes). If a user chooses the URL, they can read
 * local files such as `file:///etc/passwd` or your settings, or make the server fetch internal
 * addresses (SSRF).
 *
 * ## Example
 * ```python
 * data = urllib.request.urlopen(request.args["url"]).read()
 * ```
 *
 * ## Use instead
 * ```python
 * url = request.args["url"]
 * if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
 *     raise ValueError("only http and https URLs are allowed")
 * data = urllib.request.urlopen(url, timeout=10).read()
 * ```
 *
 * ## References
 * - CWE-939: Improper Authorization in Handler for Custom URL Scheme
 * - OWASP Top 10 2021 A10: Server-Side Request Forgery
 */
import type { Rule } from '../../ruleApi/types';
import { isTestCode, valueConfidence } from '../shared';
import { argumentValue } from '../../semantic/calls';

const openers = new Set([
  'urllib.request.urlopen',
  'urllib.request.urlretrieve',
  'urllib.request.Request',
  'urllib.request.URLopener',
  'urllib.request.FancyURLopener',
  'urllib.urlopen',
  'urllib.urlretrieve',
  'urllib2.urlopen',
  'urllib2.Request',
  'six.moves.urllib.request.urlopen',
  'six.moves.urllib.request.urlretrieve',
]);
const webScheme = /^https?:\/\//i;
const schemeCheck = /\b(?:urlparse|urlsplit)\b[\s\S]*\bscheme\b|\.startswith\s*\(\s*\(?\s*["']https?:/;

export const urlOpenScheme: Rule = {
  meta: {
    id: 'PSG522',
    name: 'url-open-any-scheme',
    title: 'URL opened without checking its scheme',
    defaultSeverity: 'warning',
    cwe: 939,
    owasp: 'A10:2021-Server-Side Request Forgery (SSRF)',
    checklistItem: 'input-validated',
    bandit: ['B310'],
    ruff: ['S310'],
    fixable: false,
  },
  triggers: ['url', 'Request', 'URLopener'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      if (!callee || !openers.has(callee) || isTestCode(context.model, call)) return;
      const url = argumentValue(call, 0, 'url');
      if (!url) return;
      const shape = context.model.stringShape(url);
      const first = shape.parts[0];
      if (shape.isString && first?.kind === 'text') {
        if (webScheme.test(first.text)) return;
        if (/^file:/i.test(first.text)) {
          context.report({
            node: url,
            message:
              'This URL reads a local file through `urlopen`; open the file with `open()` so the intent is plain and no URL handling is involved.',
            confidence: 'high',
          });
          return;
        }
        if (shape.holes.length === 0) return;
      }
      const scope = context.model.enclosingFunction(call) ?? context.model.root;
      if (schemeCheck.test(context.textOf(scope.startIndex, call.startIndex))) return;
      const confidence = valueConfidence(context.model, url);
      if (confidence === 'low' && context.model.origins(url).has('constant') && context.model.origins(url).size === 1)
        return;
      context.report({
        node: url,
        message: `\`${callee.split('.').pop()}\` also opens \`file:\` and other schemes: a URL someone else chooses can read local files or reach internal hosts. Check that the scheme is \`http\` or \`https\` first.`,
        confidence,
      });
    },
  },
};
