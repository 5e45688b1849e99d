import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

const routed = (extra = '') =>
  dedent(`
    from flask import Flask, render_template
    ${extra}
    app = Flask(__name__)

    @app.route("/")
    def index():
        return render_template("index.html")
  `);

export const cases: RuleCases = {
  ruleId: 'PSG610',
  valid: [
    {
      name: "the 2026 guide's after_request hook",
      code: dedent(`
        from flask import Flask

        app = Flask(__name__)

        @app.after_request
        def add_security_headers(response):
            response.headers["X-Frame-Options"] = "DENY"
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Content-Security-Policy"] = "default-src self"
            response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
            return response

        @app.route("/")
        def index():
            return "hi"
      `),
    },
    { name: 'Talisman', code: routed('from flask_talisman import Talisman') },
    { name: 'after_request registered by call', code: routed() + 'app.after_request(set_headers)\n' },
    { name: 'no routes (an app factory module)', code: 'from flask import Flask\napp = Flask(__name__)\n' },
    { name: "a JSON API (the 2026 guide's rate-limit example)", code: 'from flask import Flask, jsonify\napp = Flask(__name__)\n@app.route("/api/user")\ndef get_user():\n    return jsonify({"username": "x"})\n' },
    { name: 'not Flask', code: 'from fastapi import FastAPI\napp = FastAPI()\n@app.get("/")\ndef i():\n    return 1\n' },
    { name: 'headers set per response', code: routed() + 'def f(resp):\n    resp.headers["Content-Security-Policy"] = "default-src \'self\'"\n' },
    { name: 'secure package', code: routed('import secure') },
    { name: 'blueprint only', code: 'from flask import Blueprint\nbp = Blueprint("b", __name__)\n@bp.route("/")\ndef i():\n    return 1\n' },
  ],
  invalid: [
    { name: 'an app rendering templates', code: routed(), findings: [{ text: 'Flask(__name__)', confidence: 'low' }], output: null },
    { name: 'Quart', code: 'from quart import Quart, render_template\napp = Quart(__name__)\n@app.route("/")\nasync def i():\n    return await render_template("i.html")\n', findings: [{ text: 'Quart(__name__)' }] },
    { name: 'flask module import', code: 'import flask\napp = flask.Flask(__name__)\n@app.get("/")\ndef i():\n    return flask.render_template_string("<p>hi</p>")\n', findings: [{ text: 'flask.Flask(__name__)' }] },
    { name: 'before_request does not set headers', code: routed() + '@app.before_request\ndef check():\n    pass\n', findings: [{ text: 'Flask(__name__)' }] },
    { name: 'other name', code: 'from flask import Flask, render_template\nweb = Flask("x")\n@web.post("/p")\ndef p():\n    return render_template("p.html")\n', findings: [{ text: 'Flask("x")' }] },
    { name: 'Markup', code: 'from flask import Flask\nfrom markupsafe import Markup\napp = Flask(__name__)\n@app.route("/a", methods=["GET", "POST"])\ndef a():\n    return Markup("<b>x</b>")\n', findings: [{ text: 'Flask(__name__)' }] },
    { name: 'static folder arguments', code: 'from flask import Flask, render_template\napp = Flask(__name__, static_folder="s")\n@app.route("/")\ndef a():\n    return render_template("a.html")\n', findings: [{ text: 'Flask(__name__, static_folder="s")' }] },
    { name: 'a header set that is not a security header', code: routed() + 'def f(resp):\n    resp.headers["X-Request-Id"] = "1"\n', findings: [{ text: 'Flask(__name__)' }] },
  ],
};
