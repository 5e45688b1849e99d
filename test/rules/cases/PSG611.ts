import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

const file = (routes: string, limiter = 'limiter = Limiter(app, key_func=get_remote_address)') =>
  dedent(`
    from flask import Flask, request, jsonify
    from flask_limiter import Limiter
    from flask_limiter.util import get_remote_address

    app = Flask(__name__)
    ${limiter}

${routes}
  `);

export const cases: RuleCases = {
  ruleId: 'PSG611',
  valid: [
    { name: "the 2026 guide's rate-limited login", code: file('    @app.route("/login", methods=["POST"])\n    @limiter.limit("5 per minute")  # 5 attempts per minute\n    def login():\n        return "ok"') },
    { name: 'no Flask-Limiter in the file', code: 'from flask import Flask\napp = Flask(__name__)\n@app.route("/login", methods=["POST"])\ndef login():\n    return "ok"\n' },
    { name: 'default limits cover every route', code: file('    @app.route("/login", methods=["POST"])\n    def login():\n        return "ok"', 'limiter = Limiter(get_remote_address, app=app, default_limits=["200 per day"])') },
    { name: 'not an auth route', code: file('    @app.route("/items")\n    def items():\n        return "ok"') },
    { name: 'shared limit', code: file('    @app.post("/token")\n    @limiter.shared_limit("10/minute", scope="auth")\n    def token():\n        return "ok"') },
    { name: 'explicitly exempt', code: file('    @app.post("/auth/callback")\n    @limiter.exempt\n    def auth():\n        return "ok"') },
    { name: 'login page name in another word', code: file('    @app.route("/catalogue")\n    def catalogue():\n        return "ok"') },
    { name: 'logout is not guessable', code: file('    @app.post("/logout")\n    def logout():\n        return "ok"') },
  ],
  invalid: [
    { name: 'login without a limit', code: file('    @app.route("/login", methods=["POST"])\n    def login():\n        return "ok"'), findings: [{ text: '@app.route("/login", methods=["POST"])', confidence: 'medium' }], output: null },
    { name: 'token endpoint', code: file('    @app.post("/api/token")\n    def issue():\n        return "ok"'), findings: [{ text: '@app.post("/api/token")' }] },
    { name: 'password reset', code: file('    @app.post("/reset-password")\n    def reset():\n        return "ok"'), findings: [{ text: '@app.post("/reset-password")' }] },
    { name: 'function name', code: file('    @app.post("/session")\n    def login():\n        return "ok"'), findings: [{ text: '@app.post("/session")' }] },
    { name: 'other routes limited, login not', code: file('    @app.get("/search")\n    @limiter.limit("1/second")\n    def search():\n        return "ok"\n\n    @app.post("/signin")\n    def signin():\n        return "ok"'), findings: [{ text: '@app.post("/signin")' }] },
    { name: 'otp', code: file('    @app.post("/2fa/otp")\n    def verify():\n        return "ok"'), findings: [{ text: '@app.post("/2fa/otp")' }] },
    { name: 'keyword app', code: file('    @app.post("/auth/login")\n    def do_login():\n        return "ok"', 'limiter = Limiter(get_remote_address, app=app)'), findings: [{ text: '@app.post("/auth/login")' }] },
    { name: 'FastAPI with slowapi', code: 'from fastapi import FastAPI\nfrom slowapi import Limiter\nfrom slowapi.util import get_remote_address\napp = FastAPI()\nlimiter = Limiter(key_func=get_remote_address)\n@app.post("/token")\nasync def token(request):\n    return {}\n', findings: [{ text: '@app.post("/token")' }] },
    { name: 'limit of another object does not count', code: file('    @app.post("/login")\n    @cache.limit(5)\n    def login():\n        return "ok"'), findings: [{ text: '@app.post("/login")' }] },
  ],
};
