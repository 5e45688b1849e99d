/**
 * ## What it does
 * Flags a Flask application whose routes accept POST (or PUT/PATCH/DELETE) and read
 * `request.form`, in a file that neither enables `CSRFProtect` nor uses Flask-WTF forms
 * (`FlaskForm`) or another CSRF extension. Reported once per file, on the first such route.
 *
 * ## Why is this bad?
 * Browsers attach the session cookie to form posts made by any site. Without a CSRF token a
 * malicious page can submit the form as the logged-in user.
 *
 * ## Example
 * ```python
 * app = Flask(__name__)
 *
 * @app.route("/email", methods=["POST"])
 * def change_email():
 *     current_user.email = request.form["email"]
 * ```
 *
 * ## Use instead
 * ```python
 * from flask_wtf.csrf import CSRFProtect
 *
 * app = Flask(__name__)
 * csrf = CSRFProtect(app)
 * ```
 * and `{{ csrf_token() }}` in every form.
 *
 * ## References
 * - CWE-352: Cross-Site Request Forgery (CSRF)
 * - OWASP Top 10 2021 A01: Broken Access Control
 */
import type { Rule } from '../../ruleApi/types';
import { flaskApps, importsAny, routes } from './flaskApps';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE', '*']);
// `CSRFProtect` or `csrf` on a line before any `#` (a mention in a comment does not count).
const csrfOutsideComments = /^[^#\n\r\u2028\u2029]*?(?:\bCSRFProtect\b|\bcsrf\b)/im;
const csrfExtensions = ['flask_wtf', 'flask_seasurf', 'flask_csrf', 'wtforms'];

export const flaskFormsWithoutCsrf: Rule = {
  meta: {
    id: 'PSG609',
    name: 'flask-forms-without-csrf',
    title: 'Flask form posts without CSRF protection',
    defaultSeverity: 'warning',
    cwe: 352,
    owasp: 'A01:2021-Broken Access Control',
    checklistItem: 'input-validated',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  requiresImport: ['flask', 'quart'],
  wholeFile: true,
  triggers: ['request.form'],
  visitors: {
    module(_module, context) {
      if (
        flaskApps(context.model).length === 0 ||
        importsAny(context.model, csrfExtensions) ||
        context.textMatches(csrfOutsideComments)
      )
        return;
      const route = routes(context.model).find(
        (r) => r.methods.some((m) => stateChanging.has(m)) && /\brequest\.form\b/.test(r.function.text),
      );
      if (!route) return;
      context.report({
        node: route.decorator,
        message:
          'This route takes form posts but the app has no CSRF protection: other sites can submit the form as the logged-in user. Enable `CSRFProtect(app)` from Flask-WTF.',
        confidence: 'medium',
      });
    },
  },
};
