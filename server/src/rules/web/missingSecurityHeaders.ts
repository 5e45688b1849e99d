/**
 * ## What it does
 * Flags a Flask application that registers routes and renders HTML (`render_template`,
 * `render_template_string`, `Markup`) but sets no security headers: no `@app.after_request`
 * function that sets them, and no extension that does (Flask-Talisman, `secure`). Reported once,
 * on `app = Flask(__name__)`. JSON-only APIs are left alone: the headers matter most for pages.
 *
 * ## Why is this bad?
 * `Content-Security-Policy` limits the damage of any XSS, `X-Frame-Options` stops clickjacking,
 * `X-Content-Type-Options: nosniff` stops browsers running uploads as scripts,
 * `Strict-Transport-Security` keeps visitors on HTTPS, and `Referrer-Policy` keeps URLs with
 * tokens from leaking to other sites. Flask sets none of them.
 *
 * ## Example
 * ```python
 * app = Flask(__name__)
 *
 * @app.route("/")
 * def index():
 *     return render_template("index.html")
 * ```
 *
 * ## Use instead
 * ```python
 * @app.after_request
 * def add_security_headers(response):
 *     response.headers["X-Frame-Options"] = "DENY"
 *     response.headers["X-Content-Type-Options"] = "nosniff"
 *     response.headers["Content-Security-Policy"] = "default-src 'self'"
 *     response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
 *     return response
 * ```
 * Or `Talisman(app)` from Flask-Talisman.
 *
 * ## References
 * - CWE-693: Protection Mechanism Failure
 * - OWASP Top 10 2021 A05: Security Misconfiguration
 */
import type { Rule } from '../../ruleApi/types';
import { flaskApps, importsAny, mayCreateApp, servingApps } from './flaskApps';

const headerExtensions = [
  'flask_talisman',
  'talisman',
  'secure',
  'flask_secure_headers',
  'secure_headers',
  'flask_csp',
];

// Any hook that touches response headers counts: the check is for their absence, not their quality.
const headerHooks =
  /@\w+\.after_request|\.after_request\(|after_this_request|\.headers\[\s*["'](?:Content-Security-Policy|X-Frame-Options|X-Content-Type-Options|Strict-Transport-Security)/i;
const rendersHtml = /\brender_template(?:_string)?\s*\(|\bMarkup\s*\(|text\/html/;

export const missingSecurityHeaders: Rule = {
  meta: {
    id: 'PSG610',
    name: 'missing-security-headers',
    title: 'Flask application without security headers',
    defaultSeverity: 'information',
    cwe: 693,
    owasp: 'A05:2021-Security Misconfiguration',
    checklistItem: 'security-headers',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  requiresImport: ['flask', 'quart'],
  wholeFile: true,
  triggers: ['render_template', 'Markup', 'text/html'],
  visitors: {
    module(_module, context) {
      if (!mayCreateApp(context)) return;
      const apps = flaskApps(context.model);
      if (apps.length === 0 || importsAny(context.model, headerExtensions) || !context.textMatches(rendersHtml)) return;
      if (context.textMatches(headerHooks)) return;
      for (const app of servingApps(context.model, apps)) {
        context.report({
          node: app.call,
          message:
            'This Flask app sets no security headers (CSP, X-Frame-Options, X-Content-Type-Options, HSTS, Referrer-Policy). Add an `after_request` hook or Flask-Talisman.',
          confidence: 'low',
        });
      }
    },
  },
};
