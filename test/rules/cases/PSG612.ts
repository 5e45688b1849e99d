import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

const app = (extra = '', body = 'return session["user"]') =>
  dedent(`
    from flask import Flask, session, request, redirect
    ${extra}
    app = Flask(__name__)

    @app.route("/account")
    def account():
        ${body}
  `);

export const cases: RuleCases = {
  ruleId: 'PSG612',
  valid: [
    {
      name: "the 2026 guide's HTTPS redirect",
      code: app('', 'return session["user"]') + dedent(`
        @app.before_request
        def require_https():
            if not request.is_secure:
                url = request.url.replace("http://", "https://")
                return redirect(url, 301)
      `),
    },
    { name: 'Talisman', code: app('from flask_talisman import Talisman') },
    { name: 'Secure cookie flag', code: app('') + 'app.config["SESSION_COOKIE_SECURE"] = True\n' },
    { name: 'ProxyFix behind a TLS proxy', code: app('from werkzeug.middleware.proxy_fix import ProxyFix') },
    { name: 'served with TLS', code: app('') + 'app.run(ssl_context=("cert.pem", "key.pem"))\n' },
    { name: 'no sessions', code: app('', 'return "public page"') },
    { name: 'no routes', code: 'from flask import Flask, session\napp = Flask(__name__)\n' },
    { name: 'not Flask', code: 'session["x"] = 1\n' },
  ],
  invalid: [
    { name: 'session without HTTPS', code: app(), findings: [{ text: 'Flask(__name__)', confidence: 'low' }], output: null },
    { name: 'session.get', code: app('', 'return session.get("user")'), findings: [{ text: 'Flask(__name__)' }] },
    { name: 'Flask-Login', code: app('from flask_login import LoginManager', 'return "x"'), findings: [{ text: 'Flask(__name__)' }] },
    { name: 'login_user', code: app('', 'login_user(user)'), findings: [{ text: 'Flask(__name__)' }] },
    { name: 'Flask-Security', code: app('from flask_security import Security', 'return "x"'), findings: [{ text: 'Flask(__name__)' }] },
    { name: 'session written', code: app('', 'session["cart"] = []'), findings: [{ text: 'Flask(__name__)' }] },
    { name: 'run without TLS', code: app() + 'app.run(host="0.0.0.0")\n', findings: [{ text: 'Flask(__name__)' }] },
    { name: 'Quart', code: 'from quart import Quart, session\napp = Quart(__name__)\n@app.route("/")\nasync def i():\n    return session["u"]\n', findings: [{ text: 'Quart(__name__)' }] },
  ],
};
