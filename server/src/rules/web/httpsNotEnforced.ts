/**
 * ## What it does
 * Flags a Flask application that keeps users logged in (it uses `session`, Flask-Login or
 * Flask-Security) but nowhere enforces HTTPS: no HTTPS redirect in a `before_request` hook
 * (`request.is_secure`), no Flask-Talisman or Flask-SSLify, no `SESSION_COOKIE_SECURE = True`,
 * no `ssl_context` and no `ProxyFix`. Reported once, on `app = Flask(__name__)`.
 *
 * ## Why is this bad?
 * A session cookie sent over plain HTTP is readable by anyone on the network path, who can then
 * act as the user. Without a redirect and the `Secure` cookie flag, one `http://` link is enough
 * for the cookie to travel in the clear.
 *
 * ## Example
 * ```python
 * app = Flask(__name__)
 *
 * @app.route("/account")
 * def account():
 *     return session["user"]
 * ```
 *
 * ## Use instead
 * ```python
 * from flask import Flask, redirect, request
 *
 * app = Flask(__name__)
 * app.config["SESSION_COOKIE_SECURE"] = True
 *
 * @app.before_request
 * def require_https():
 *     if not request.is_secure:
 *         return redirect(request.url.replace("http://", "https://", 1), 301)
 * ```
 * Or `Talisman(app)`, which also sets HSTS. Behind a proxy that terminates TLS, add `ProxyFix`
 * so `request.is_secure` sees the original scheme.
 *
 * ## References
 * - CWE-319: Cleartext Transmission of Sensitive Information
 * - CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
 * - OWASP Top 10 2021 A02: Cryptographic Failures
 */
import type { Rule } from '../../ruleApi/types';
import { flaskApps, importsAny, mayCreateApp, servingApps } from './flaskApps';

const httpsExtensions = ['flask_talisman', 'talisman', 'flask_sslify', 'werkzeug.middleware.proxy_fix'];
const enforcement =
  /is_secure|SESSION_COOKIE_SECURE|ssl_context|PREFERRED_URL_SCHEME|ProxyFix|Talisman|SSLify|https:\/\/["']?\s*\+|replace\(\s*["']http:\/\//;
const sessions = /\bsession\s*\[|\bsession\.get\(|\blogin_user\(/;

export const httpsNotEnforced: Rule = {
  meta: {
    id: 'PSG612',
    name: 'https-not-enforced',
    title: 'Flask app with sessions but no HTTPS enforcement',
    defaultSeverity: 'information',
    cwe: 319,
    owasp: 'A02:2021-Cryptographic Failures',
    checklistItem: 'https-enforced',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  requiresImport: ['flask', 'quart'],
  wholeFile: true,
  triggers: ['session', 'login'],
  visitors: {
    module(_module, context) {
      if (!mayCreateApp(context)) return;
      const apps = flaskApps(context.model);
      if (apps.length === 0 || importsAny(context.model, httpsExtensions) || context.textMatches(enforcement)) return;
      const usesSessions =
        importsAny(context.model, ['flask_login', 'flask_security']) ||
        (context.textMatches(sessions) &&
          [...context.model.importedModules].some((m) => m === 'flask' || m === 'quart'));
      if (!usesSessions) return;
      for (const app of servingApps(context.model, apps)) {
        context.report({
          node: app.call,
          message:
            'This app keeps users logged in but nothing here enforces HTTPS: no redirect, no Secure cookie flag, no Talisman. A session cookie sent over plain HTTP can be stolen.',
          confidence: 'low',
        });
      }
    },
  },
};
