/**
 * ## What it does
 * Flags redirects (Flask/Werkzeug `redirect`, Django `redirect`/`HttpResponseRedirect`,
 * Starlette/FastAPI `RedirectResponse`, aiohttp `web.HTTPFound` and the other redirect
 * exceptions) to a URL that comes from untrusted data, such as a
 * `?next=` argument. Redirects to `url_for(...)`/`reverse(...)`, to a constant, or to a path that
 * starts with a constant `/segment` are not reported, nor are URLs checked with
 * `url_has_allowed_host_and_scheme` or an allowlist of hosts.
 *
 * ## Why is this bad?
 * A link on your domain that forwards anywhere is a phishing tool: `https://yourapp.example/login?next=https://evil.example`
 * looks trustworthy, and after logging in the user lands on the attacker's copy of your site.
 * `//evil.example` and `/\evil.example` are absolute URLs too, so a check for a leading `/` is not enough.
 *
 * ## Example
 * ```python
 * @app.route("/login", methods=["POST"])
 * def login():
 *     ...
 *     return redirect(request.args.get("next", "/"))
 * ```
 *
 * ## Use instead
 * ```python
 * @app.route("/login", methods=["POST"])
 * def login():
 *     ...
 *     target = request.args.get("next", "/")
 *     if urlparse(target).netloc not in ("", "yourapp.example"):
 *         target = "/"
 *     return redirect(target)
 * ```
 * In Django, use `url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})`.
 *
 * ## References
 * - CWE-601: URL Redirection to Untrusted Site ('Open Redirect')
 * - OWASP Top 10 2021 A01: Broken Access Control
 */
import type { Rule } from '../../ruleApi/types';
import { argumentValue } from '../../semantic/calls';
import { reportClientChosenHost } from '../shared';

const redirects: ReadonlyMap<string, string> = new Map([
  ['flask.redirect', 'location'],
  ['quart.redirect', 'location'],
  ['werkzeug.utils.redirect', 'location'],
  ['django.shortcuts.redirect', 'to'],
  ['django.http.HttpResponseRedirect', 'redirect_to'],
  ['django.http.HttpResponsePermanentRedirect', 'redirect_to'],
  ['django.http.response.HttpResponseRedirect', 'redirect_to'],
  ['starlette.responses.RedirectResponse', 'url'],
  ['fastapi.responses.RedirectResponse', 'url'],
  // aiohttp redirects are exceptions raised (or returned) with the target first.
  ...[
    'HTTPMultipleChoices',
    'HTTPMovedPermanently',
    'HTTPFound',
    'HTTPSeeOther',
    'HTTPTemporaryRedirect',
    'HTTPPermanentRedirect',
  ].flatMap((name): [string, string][] => [
    [`aiohttp.web.${name}`, 'location'],
    [`aiohttp.web_exceptions.${name}`, 'location'],
  ]),
]);

export const openRedirect: Rule = {
  meta: {
    id: 'PSG131',
    name: 'open-redirect',
    title: 'Redirect to a URL chosen by the client',
    defaultSeverity: 'warning',
    cwe: 601,
    owasp: 'A01:2021-Broken Access Control',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['edirect', 'HTTPFound', 'HTTPSeeOther', 'HTTPMovedPermanently', 'HTTPMultipleChoices'],
  visitors: {
    call(call, context) {
      const callee = context.model.calleeName(call);
      const keyword = callee && redirects.get(callee);
      if (!keyword) return;
      const url = argumentValue(call, 0, keyword);
      if (!url) return;
      reportClientChosenHost(context, call, url, 'redirect', {
        tainted:
          ': anyone can craft a link on this site that forwards to their own. Accept only relative paths or hosts from an allowlist.',
        unknown: '. If the URL can come from a client, accept only relative paths or hosts from an allowlist.',
      });
    },
  },
};
