/**
 * ## What it does
 * Flags HTTP requests (`requests`, `httpx`, `urllib.request`, `urllib3`, `aiohttp`) whose URL comes
 * from untrusted data — a request argument, a route parameter, `input()` — followed through
 * assignments, string building and helper functions in the same file. A URL whose scheme and host
 * are written as constants (`f"https://api.example.com/users/{id}"`) is not reported.
 *
 * ## Why is this bad?
 * The server makes the request, from inside your network and with its credentials. Whoever
 * chooses the URL can reach internal services, admin interfaces on `localhost`, or the cloud
 * metadata endpoint (`http://169.254.169.254/`) that hands out access keys, and read the answers.
 *
 * ## Example
 * ```python
 * @app.route("/preview")
 * def preview():
 *     url = request.args["url"]
 *     return requests.get(url, timeout=5).text
 * ```
 *
 * ## Use instead
 * ```python
 * ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}
 *
 * @app.route("/preview")
 * def preview():
 *     url = request.args["url"]
 *     if urlparse(url).hostname not in ALLOWED_HOSTS:
 *         abort(400)
 *     return requests.get(url, timeout=5).text
 * ```
 * Check the host against an allowlist (not a denylist: `0x7f000001` is `127.0.0.1`), and keep
 * redirects off or re-check them.
 *
 * ## References
 * - CWE-918: Server-Side Request Forgery (SSRF)
 * - OWASP Top 10 2021 A10: Server-Side Request Forgery
 */
import type { Node } from '../../parser/parser';
import type { Rule } from '../../ruleApi/types';
import { argumentValue } from '../../semantic/calls';
import { reportClientChosenHost } from '../shared';

const verbs = 'get|post|put|patch|delete|head|options|stream|request|send';
/**
 * Module-level functions and client methods (by resolved path) that fetch a URL; `request(method, url)` takes it
 * second.
 */
const fetchers = new RegExp(
  `^(?:requests|httpx)(?:\\.(?:Session|session|Client|AsyncClient)\\(\\))?\\.(?:${verbs})$|^urllib\\.request\\.(?:urlopen|Request)$|^urllib3\\.(?:PoolManager\\(\\)\\.)?(?:request|urlopen)$|^aiohttp\\.ClientSession\\(\\)\\.(?:${verbs}|ws_connect)$`,
);

function urlOf(call: Node, path: string): Node | undefined {
  const method = path.split('.').pop();
  if (method === 'request' || method === 'stream' || (path.startsWith('urllib3') && method === 'urlopen'))
    return argumentValue(call, 1, 'url');
  return argumentValue(call, 0, 'url');
}

export const serverSideRequestForgery: Rule = {
  meta: {
    id: 'PSG130',
    name: 'server-side-request-forgery',
    title: 'Server fetches a URL chosen by the client',
    defaultSeverity: 'error',
    cwe: 918,
    owasp: 'A10:2021-Server-Side Request Forgery',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['requests', 'httpx', 'urllib', 'aiohttp'],
  visitors: {
    call(call, context) {
      const path = context.model.resolvedPath(call.childForFieldName('function'));
      if (!path || !fetchers.test(path)) return;
      const url = urlOf(call, path);
      if (!url) return;
      reportClientChosenHost(context, call, url, 'url', {
        tainted:
          ': the server fetches whatever address the client names, internal services and the cloud metadata endpoint included. Check the host against an allowlist first.',
        unknown: '. If the URL can come from a client, check its host against an allowlist before fetching.',
      });
    },
  },
};
