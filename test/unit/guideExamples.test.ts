import * as assert from 'assert';
import { defaultSettings } from '../../server/src/config/settings';
import { FileEngine } from '../../server/src/engine/fileEngine';
import { allFileRules } from '../../server/src/rules';
import { analyze, dedent } from '../support/engine';
import { useNodeAdvisories } from '../../server/src/workspace/nodeFileAccess';

// The analysis reads the shipped advisory data through Node here, as the server and the CLI do.
useNodeAdvisories();

/**
 * The 2026 guide's examples for secrets, passwords, uploads, TLS, Flask, JWT, rate limiting,
 * dependencies, XSS, headers and CSRF, as printed (fragments included): the good ones raise
 * nothing from any rule, the bad ones are flagged by the rule for their practice.
 */
const good: Record<string, string> = {
  'secrets from the environment': dedent(`
    import os

    # Access secrets from environment
    DATABASE_PASSWORD = os.environ.get("DATABASE_PASSWORD")
    API_KEY = os.environ.get("API_KEY")

    if not API_KEY:
        raise ValueError("API_KEY environment variable is required")
  `),
  'python-dotenv': dedent(`
    # .env file (add to .gitignore)
    # DATABASE_PASSWORD=secret123
    # API_KEY=xxx

    from dotenv import load_dotenv

    load_dotenv()  # Loads .env file into environment
  `),
  passlib: dedent(`
    from passlib.hash import bcrypt

    # Hash a password for storage
    hashed = bcrypt.hash("user_password")
    # $2b$12$LQv3c1yqBWVHxkd0LHAkCOYz6TtxMQJqhN8/LewY5GyY1KKE9YFdm

    # Verify a password
    bcrypt.verify("user_password", hashed)  # True
    bcrypt.verify("wrong_password", hashed)  # False
  `),
  bcrypt: dedent(`
    import bcrypt

    # Hashing
    password = b"secret_password"
    salt = bcrypt.gensalt()
    hashed = bcrypt.hashpw(password, salt)

    # Verifying
    bcrypt.checkpw(password, hashed)  # True
  `),
  'limit file uploads': dedent(`
    from pathlib import Path
    import mimetypes

    ALLOWED_EXTENSIONS = {".txt", ".pdf", ".png", ".jpg"}
    MAX_FILE_SIZE = 5 * 1024 * 1024  # 5 MB

    def secure_upload(uploaded_file):
        # Check file size
        if uploaded_file.size > MAX_FILE_SIZE:
            raise ValueError("File too large")

        # Check extension
        ext = Path(uploaded_file.filename).suffix.lower()
        if ext not in ALLOWED_EXTENSIONS:
            raise ValueError("File type not allowed")

        # Verify MIME type
        mime_type, _ = mimetypes.guess_type(uploaded_file.filename)
        if mime_type not in ["text/plain", "application/pdf", "image/png", "image/jpeg"]:
            raise ValueError("Invalid file type")

        # Save with a generated filename, never use user-provided names
        import uuid
        safe_name = f"{uuid.uuid4()}{ext}"
        # ... save to storage
  `),
  'TLS verification': dedent(`
    import requests

    # Verify certificates (always do this in production)
    response = requests.get(
        "https://api.example.com/data",
        verify=True  # Or path to CA bundle
    )

    # For systems with custom certificates
    response = requests.get(
        "https://internal-api/",
        verify="/path/to/ca-bundle.crt"
    )
  `),
  'Flask with HTTPS': dedent(`
    from flask import Flask

    app = Flask(__name__)

    # Force HTTPS in production
    @app.before_request
    def require_https():
        if not request.is_secure:
            url = request.url.replace("http://", "https://")
            return redirect(url, 301)
  `),
  'JWT handling': dedent(`
    import jwt
    import os
    from datetime import datetime, timedelta

    SECRET_KEY = os.environ.get("JWT_SECRET")

    def create_token(user_id: int) -> str:
        payload = {
            "user_id": user_id,
            "exp": datetime.utcnow() + timedelta(hours=24)
        }
        return jwt.encode(payload, SECRET_KEY, algorithm="HS256")

    def verify_token(token: str) -> dict:
        try:
            return jwt.decode(token, SECRET_KEY, algorithms=["HS256"])
        except jwt.ExpiredSignatureError:
            raise ValueError("Token expired")
        except jwt.InvalidTokenError:
            raise ValueError("Invalid token")
  `),
  'rate limiting': dedent(`
    from flask import Flask, request, jsonify
    from flask_limiter import Limiter

    app = Flask(__name__)
    limiter = Limiter(app, key_func=get_remote_address)

    @app.route("/login", methods=["POST"])
    @limiter.limit("5 per minute")  # 5 attempts per minute
    def login():
        # ... login logic
  `),
  'JSON responses': dedent(`
    from flask import jsonify
    import json

    # Automatically escapes HTML in string values
    @app.route("/api/user")
    def get_user():
        return jsonify({
            "username": "<script>alert(xss)</script>"
        })
  `),
  'security headers': dedent(`
    from flask import Flask

    app = Flask(__name__)

    @app.after_request
    def add_security_headers(response):
        # Prevent clickjacking
        response.headers["X-Frame-Options"] = "DENY"

        # Prevent XSS
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-XSS-Protection"] = "1; mode=block"

        # Content Security Policy
        response.headers["Content-Security-Policy"] = "default-src self"

        # Referrer policy
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"

        return response
  `),
  'CSRF with Flask-WTF': dedent(`
    from flask_wtf import FlaskForm
    from wtforms import StringField, PasswordField
    from wtforms.validators import DataRequired

    class LoginForm(FlaskForm):
        username = StringField("username", validators=[DataRequired()])
        password = PasswordField("password", validators=[DataRequired()])

    @app.route("/login", methods=["GET", "POST"])
    def login():
        form = LoginForm()
        if form.validate_on_submit():
            # CSRF token automatically validated
            # ... login logic
        return render_template("login.html", form=form)
  `),
  'logging security events': dedent(`
    import logging

    logger = logging.getLogger("security")

    def log_failed_login(username: str, ip_address: str):
        logger.warning(
            "Failed login attempt",
            extra={
                "username": username,
                "ip_address": ip_address,
                "event": "failed_login"
            }
        )
  `),
};

/** The bad practices the guides warn about, each written the way the guide describes it. */
const bad: { practice: string; ruleId: string; code: string }[] = [
  { practice: 'hard-coded secret', ruleId: 'PSG202', code: 'DATABASE_PASSWORD = "secret123-prod"\n' },
  {
    practice: 'fast password hash',
    ruleId: 'PSG301',
    code: 'import hashlib\nstored = hashlib.sha256(password.encode()).hexdigest()\n',
  },
  {
    practice: 'hash compared with ==',
    ruleId: 'PSG302',
    code: 'import hashlib\nok = hashlib.sha256(password.encode()).hexdigest() == user.password_hash\n',
  },
  {
    practice: 'upload saved under the user-provided name',
    ruleId: 'PSG402',
    code: 'import os\ndef secure_upload(uploaded_file):\n    uploaded_file.save(os.path.join("/srv/files", uploaded_file.filename))\n',
  },
  {
    practice: 'TLS verification off',
    ruleId: 'PSG501',
    code: 'import requests\nresponse = requests.get("https://api.example.com/data", verify=False)\n',
  },
  {
    practice: 'plain HTTP',
    ruleId: 'PSG503',
    code: 'import requests\nresponse = requests.get("http://api.partner.io/data")\n',
  },
  {
    practice: 'Flask debug mode',
    ruleId: 'PSG601',
    code: 'from flask import Flask\napp = Flask(__name__)\napp.run(debug=True)\n',
  },
  { practice: 'JWT decoded without algorithms', ruleId: 'PSG602', code: 'import jwt\njwt.decode(token, SECRET_KEY)\n' },
  {
    practice: 'JWT without exp',
    ruleId: 'PSG604',
    code: 'import jwt\njwt.encode({"user_id": user_id}, SECRET_KEY, algorithm="HS256")\n',
  },
  {
    practice: 'Jinja2 without autoescape',
    ruleId: 'PSG605',
    code: 'from jinja2 import Environment\nenv = Environment(autoescape=False)\n',
  },
  {
    practice: 'login without rate limit where Flask-Limiter is used',
    ruleId: 'PSG611',
    code: 'from flask import Flask\nfrom flask_limiter import Limiter\napp = Flask(__name__)\nlimiter = Limiter(app, key_func=get_remote_address)\n@app.route("/login", methods=["POST"])\ndef login():\n    pass\n',
  },
  { practice: 'CSRF disabled', ruleId: 'PSG608', code: 'app.config["WTF_CSRF_ENABLED"] = False\n' },
];

describe("the 2026 guide's examples", () => {
  for (const [name, code] of Object.entries(good)) {
    it(`good: ${name} raises nothing`, async () => {
      const { findings } = await analyze(code);
      assert.deepStrictEqual(
        findings.map((f) => `${f.ruleId} ${code.slice(f.start, f.end)}`),
        [],
      );
    });
  }
  for (const { practice, ruleId, code } of bad) {
    it(`bad: ${practice} is flagged by ${ruleId}`, async () => {
      const { findings } = await analyze(code);
      assert.ok(
        findings.some((f) => f.ruleId === ruleId),
        `${ruleId} not among ${findings.map((f) => f.ruleId).join(', ') || 'no findings'}`,
      );
    });
  }
  it('good: the pinned pyproject.toml raises nothing; bad: unpinned ones are flagged', () => {
    const engine = new FileEngine(allFileRules);
    const pinned =
      '# pyproject.toml\n[project]\ndependencies = [\n    "flask==3.0.0",\n    "requests>=2.31.0,<3.0.0",\n]\n';
    assert.deepStrictEqual(engine.analyze('pyproject.toml', pinned, defaultSettings).findings, []);
    assert.deepStrictEqual(
      engine
        .analyze('pyproject.toml', pinned.replace('flask==3.0.0', 'flask'), defaultSettings)
        .findings.map((f) => f.ruleId),
      ['PSG801'],
    );
  });
  it('good: the .env file in .gitignore raises nothing; bad: one not ignored is flagged', () => {
    const engine = new FileEngine(allFileRules);
    const env = 'DATABASE_PASSWORD=secret123\nAPI_KEY=xxx\n';
    assert.deepStrictEqual(
      engine.analyze('/app/.env', env, defaultSettings, { isGitIgnored: () => true }).findings,
      [],
    );
    assert.deepStrictEqual(
      engine.analyze('/app/.env', env, defaultSettings, { isGitIgnored: () => false }).findings.map((f) => f.ruleId),
      ['PSG802'],
    );
  });
});
