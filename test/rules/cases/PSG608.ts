import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG608',
  valid: [
    'WTF_CSRF_ENABLED = True\n',
    'from flask import Flask\napp = Flask(__name__)\napp.config["WTF_CSRF_ENABLED"] = True\n',
    { name: 'a testing configuration', code: 'class TestingConfig(Config):\n    WTF_CSRF_ENABLED = False\n' },
    { name: 'inside a test', code: 'def test_post(app):\n    app.config["WTF_CSRF_ENABLED"] = False\n' },
    { name: 'an unrelated setting', code: 'SESSION_COOKIE_SECURE = False\n' },
    { name: 'a local csrf_exempt', code: 'def csrf_exempt(f):\n    return f\n@csrf_exempt\ndef view(request):\n    pass\n' },
    { name: "the 2026 guide's Flask-WTF form", code: 'from flask_wtf import FlaskForm\nclass LoginForm(FlaskForm):\n    pass\n' },
    { name: 'exempt on another object', code: '@limiter.exempt\ndef health():\n    return "ok"\n' },
  ],
  invalid: [
    { name: 'module setting', code: 'WTF_CSRF_ENABLED = False\n', findings: [{ text: 'WTF_CSRF_ENABLED = False', confidence: 'high' }], output: 'WTF_CSRF_ENABLED = True\n' },
    { name: 'app.config', code: 'from flask import Flask\napp = Flask(__name__)\napp.config["WTF_CSRF_ENABLED"] = False\n', findings: [{ text: 'app.config["WTF_CSRF_ENABLED"] = False' }], output: 'from flask import Flask\napp = Flask(__name__)\napp.config["WTF_CSRF_ENABLED"] = True\n' },
    { name: 'config.update keyword', code: 'app.config.update(SECRET_KEY=key, WTF_CSRF_ENABLED=False)\n', findings: [{ text: 'WTF_CSRF_ENABLED=False' }], output: 'app.config.update(SECRET_KEY=key, WTF_CSRF_ENABLED=True)\n' },
    { name: 'dict', code: 'app.config.from_mapping({"WTF_CSRF_ENABLED": False})\n', findings: [{ text: '"WTF_CSRF_ENABLED": False' }] },
    { name: 'check default off', code: 'WTF_CSRF_CHECK_DEFAULT = False\n', findings: [{ text: 'WTF_CSRF_CHECK_DEFAULT = False' }] },
    { name: 'class attribute of a production config', code: 'class ProductionConfig:\n    WTF_CSRF_ENABLED = False\n', findings: [{ text: 'WTF_CSRF_ENABLED = False' }] },
    { name: 'Django csrf_exempt', code: 'from django.views.decorators.csrf import csrf_exempt\n@csrf_exempt\ndef transfer(request):\n    pass\n', findings: [{ text: '@csrf_exempt' }], output: null },
    { name: 'Flask-WTF exempt', code: 'from flask_wtf.csrf import CSRFProtect\ncsrf = CSRFProtect(app)\n@app.route("/hook", methods=["POST"])\n@csrf.exempt\ndef hook():\n    pass\n', findings: [{ text: '@csrf.exempt' }] },
  ],
};
