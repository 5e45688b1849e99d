import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

const app = (extra: string, route = '@app.route("/email", methods=["POST"])') =>
  dedent(`
    from flask import Flask, request
    ${extra}
    app = Flask(__name__)

    ${route}
    def change_email():
        current_user.email = request.form["email"]
        return "ok"
  `);

export const cases: RuleCases = {
  ruleId: 'PSG609',
  valid: [
    { name: 'CSRFProtect', code: app('from flask_wtf.csrf import CSRFProtect\ncsrf = CSRFProtect()') },
    {
      name: "the 2026 guide's Flask-WTF login form",
      code: dedent(`
        from flask import Flask, render_template
        from flask_wtf import FlaskForm
        app = Flask(__name__)
        @app.route("/login", methods=["GET", "POST"])
        def login():
            form = LoginForm()
            if form.validate_on_submit():
                pass
            return render_template("login.html", form=form)
      `),
    },
    { name: 'GET only', code: app('', '@app.route("/email")') },
    { name: 'a JSON API reading no form', code: dedent(`
        from flask import Flask, request
        app = Flask(__name__)
        @app.post("/api/items")
        def create():
            return request.get_json()
      `) },
    { name: 'SeaSurf', code: app('from flask_seasurf import SeaSurf') },
    { name: 'no Flask app in the file (a blueprint module)', code: 'from flask import Blueprint, request\nbp = Blueprint("x", __name__)\n@bp.post("/e")\ndef e():\n    return request.form["a"]\n' },
    { name: 'CSRF handled by a project helper named csrf', code: app('from .security import csrf') },
    { name: 'suppressed', code: app('', '@app.route("/email", methods=["POST"])  # psg-ignore: PSG609 -- token auth only') },
  ],
  invalid: [
    { name: 'POST route reading request.form', code: app(''), findings: [{ text: '@app.route("/email", methods=["POST"])', confidence: 'medium' }], output: null },
    { name: '@app.post', code: app('', '@app.post("/email")'), findings: [{ text: '@app.post("/email")' }] },
    { name: 'PUT', code: app('', '@app.route("/email", methods=["PUT"])'), findings: [{ text: '@app.route("/email", methods=["PUT"])' }] },
    { name: 'GET and POST', code: app('', '@app.route("/email", methods=["GET", "POST"])'), findings: [{ text: '@app.route("/email", methods=["GET", "POST"])' }] },
    { name: 'lower-case methods', code: app('', '@app.route("/email", methods=["post"])'), findings: [{ text: '@app.route("/email", methods=["post"])' }] },
    { name: 'methods from a variable', code: app('', '@app.route("/email", methods=WRITE)'), findings: [{ text: '@app.route("/email", methods=WRITE)' }] },
    { name: 'request.form.get', code: 'from flask import Flask, request\napp = Flask(__name__)\n@app.post("/c")\ndef c():\n    return request.form.get("a")\n', findings: [{ text: '@app.post("/c")' }] },
    {
      name: 'once per file',
      code: 'from flask import Flask, request\napp = Flask(__name__)\n@app.post("/a")\ndef a():\n    return request.form["a"]\n@app.post("/b")\ndef b():\n    return request.form["b"]\n',
      findings: [{ text: '@app.post("/a")' }],
    },
  ],
};
