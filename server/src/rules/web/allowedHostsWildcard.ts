/**
 * ## What it does
 * Flags a Django settings module whose `ALLOWED_HOSTS` accepts any host: `["*"]`, or a list that
 * holds `"*"` among other names. Development and test settings (`settings/dev.py`,
 * `local_settings.py`, tests) are not reported. `".example.com"` (a domain and its subdomains) is
 * a name, not a wildcard, and is fine.
 *
 * ## Why is this bad?
 * Django builds absolute URLs — password-reset links, redirects, links in e-mails — from the
 * `Host` header of the request. With every host allowed, an attacker who sends
 * `Host: evil.example` gets a password-reset mail for a victim that points to their own site
 * (host header poisoning), and can poison caches keyed on the host.
 *
 * ## Example
 * ```python
 * ALLOWED_HOSTS = ["*"]
 * ```
 *
 * ## Use instead
 * ```python
 * ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "www.example.com").split(",")
 * ```
 * No fix is offered: only you know the host names the site is served under.
 *
 * ## References
 * - CWE-644: Improper Neutralization of HTTP Headers for Scripting Syntax
 * - CWE-20: Improper Input Validation
 * - OWASP Top 10 2021 A05: Security Misconfiguration
 */
import { constantString } from '../../semantic/calls';
import type { Rule } from '../../ruleApi/types';
import { isDevelopment, isDjangoSettings } from './developmentConfig';
import { assignedTarget, assignedValue } from '../../semantic/assignments';

export const allowedHostsWildcard: Rule = {
  meta: {
    id: 'PSG618',
    name: 'django-allowed-hosts-wildcard',
    title: 'Django ALLOWED_HOSTS accepts any host',
    defaultSeverity: 'warning',
    cwe: 644,
    owasp: 'A05:2021-Security Misconfiguration',
    checklistItem: 'production-settings',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['ALLOWED_HOSTS'],
  visitors: {
    assignment(assignment, context) {
      const left = assignedTarget(assignment);
      const right = assignedValue(assignment);
      if (left?.type !== 'identifier' || left.text !== 'ALLOWED_HOSTS' || !right) return;
      if (!['list', 'tuple', 'set'].includes(right.type)) return;
      const wildcard = right.namedChildren.find((item) => !!item && constantString(context.model, item) === '*');
      if (!wildcard || !isDjangoSettings(context) || isDevelopment(context, assignment)) return;
      context.report({
        node: wildcard,
        message:
          '`"*"` in `ALLOWED_HOSTS` accepts any `Host` header: password-reset links and other absolute URLs can be made to point to an attacker\'s site. List the host names the site is served under.',
        confidence: 'high',
      });
    },
  },
};
