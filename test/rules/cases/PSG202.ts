import { dedent } from '../../support/engine';
import type { RuleCases } from '../types';

export const cases: RuleCases = {
  ruleId: 'PSG202',
  valid: [
    { name: "the 2026 guide's good example: secrets from the environment", code: 'import os\nDATABASE_PASSWORD = os.environ.get("DATABASE_PASSWORD")\nAPI_KEY = os.environ.get("API_KEY")\n' },
    { name: 'os.getenv', code: 'import os\nsecret_key = os.getenv("SECRET_KEY")\n' },
    { name: 'a settings lookup', code: 'from django.conf import settings\napi_token = settings.API_TOKEN\n' },
    { name: 'empty string', code: 'password = ""\n' },
    { name: 'obvious placeholders', code: 'API_KEY = "changeme"\nSECRET_KEY = "<your-secret-key>"\ntoken = "xxxxxxxx"\n' },
    { name: 'a name that is about a secret, not one', code: 'PASSWORD_FIELD = "password"\ntoken_type = "Bearer"\npassword_min_length = 8\n' },
    { name: 'a value that names the header', code: 'TOKEN_HEADER = "X-Auth-Token"\n' },
    { name: 'inside a test function', code: 'def test_login(client):\n    client.post("/login", data={"password": "hunter2hunter2"})\n' },
    { name: 'prose, not a secret', code: 'password_prompt = "Enter your password:"\npassword = input("Password: ")\n' },
    { name: 'a connection URL without a password', code: 'DATABASE_URL = "postgresql://localhost/app"\n' },
    { name: 'a connection URL with a placeholder password', code: 'DATABASE_URL = "postgresql://user:${DB_PASSWORD}@db/app"\n' },
    { name: "the 2026 guide's JWT example reads the key from the environment", code: 'import jwt, os\nSECRET_KEY = os.environ.get("JWT_SECRET")\ntoken = jwt.encode(payload, SECRET_KEY, algorithm="HS256")\n' },
    { name: 'a suppression', code: 'password = "hunter2hunter2"  # nosec B105\n' },
    { name: 'an emptiness check', code: 'if password == "":\n    raise ValueError\n' },
    { name: 'a scheme compared with an auth value', code: 'if auth == "Basic":\n    pass\n' },
    { name: 'a module path under a secret-looking key', code: 'MAPPING = {"Cookie": "http.cookies"}\n' },
    { name: 'an OID', code: 'SERVER_AUTH = "1.3.6.1.5.5.7.3.1"\n' },
    { name: 'a test module', code: 'import unittest\nPASSWD = "s3cr3t-Pa55"\n' },
    { name: 'a Fernet key from the environment', code: 'import os\nfrom cryptography.fernet import Fernet\nf = Fernet(os.environ["FERNET_KEY"])\n' },
    { name: 'a freshly generated Fernet key', code: 'from cryptography.fernet import Fernet\nf = Fernet(Fernet.generate_key())\n' },
    { name: 'an HMAC key read from a file', code: 'import hmac\nkey = open("/run/secrets/hmac", "rb").read()\nsig = hmac.new(key, b"msg", "sha256")\n' },
    { name: 'a placeholder HMAC key in a test', code: 'import hmac\ndef test_sign():\n    assert hmac.new(b"k3y-for-tests-1234", b"m", "sha256")\n' },
  ],
  invalid: [
    {
      name: 'module-level assignment (import added)',
      code: 'DATABASE_PASSWORD = "s3cr3t-Pa55"\n',
      findings: [{ text: '"s3cr3t-Pa55"', message: 'assigned to `DATABASE_PASSWORD`', confidence: 'medium' }],
      output: 'import os\nDATABASE_PASSWORD = os.environ["DATABASE_PASSWORD"]\n',
    },
    {
      name: 'camelCase name, existing import reused',
      code: 'import os\napiKey = "AKIAIOSFODNN7EXAMPLE1234"\n',
      findings: [{ text: '"AKIAIOSFODNN7EXAMPLE1234"', confidence: 'high' }],
      output: 'import os\napiKey = os.environ["API_KEY"]\n',
    },
    {
      name: 'Flask config subscript',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config["SECRET_KEY"] = "dev-key-123456"\n',
      findings: [{ text: '"dev-key-123456"' }],
      output: 'from flask import Flask\nimport os\napp = Flask(__name__)\napp.config["SECRET_KEY"] = os.environ["SECRET_KEY"]\n',
    },
    {
      name: 'keyword argument',
      code: 'import psycopg2\nconn = psycopg2.connect(host="db", user="app", password="hunter2hunter2")\n',
      findings: [{ text: '"hunter2hunter2"', message: 'passed as `password=`' }],
      output: 'import psycopg2\nimport os\nconn = psycopg2.connect(host="db", user="app", password=os.environ["PASSWORD"])\n',
    },
    {
      name: 'parameter default: no fix',
      code: 'def connect(host, password="hunter2hunter2"):\n    pass\n',
      findings: [{ text: '"hunter2hunter2"' }],
      output: null,
      noFixBecause: 'evaluated once',
    },
    {
      name: 'dict literal',
      code: 'import os\nCONFIG = {"host": "db", "api_token": "tok_8f7a6b5c4d3e"}\n',
      findings: [{ text: '"tok_8f7a6b5c4d3e"', message: 'key `api_token`' }],
      output: 'import os\nCONFIG = {"host": "db", "api_token": os.environ["API_TOKEN"]}\n',
    },
    {
      name: 'connection URL with a password',
      code: 'DATABASE_URL = "postgresql://app:Sup3rS3cret@db.internal/app"\n',
      findings: [{ text: '"postgresql://app:Sup3rS3cret@db.internal/app"', message: 'Connection URL', confidence: 'high' }],
      output: 'import os\nDATABASE_URL = os.environ["DATABASE_URL"]\n',
    },
    {
      name: 'connection URL passed to a call',
      code: 'from sqlalchemy import create_engine\nengine = create_engine("mysql://root:toor1234@localhost/shop")\n',
      findings: [{ text: '"mysql://root:toor1234@localhost/shop"' }],
      output: 'from sqlalchemy import create_engine\nimport os\nengine = create_engine(os.environ["DATABASE_URL"])\n',
    },
    {
      name: 'hard-coded JWT key',
      code: 'import jwt\ntoken = jwt.encode({"sub": uid}, "my-jwt-signing-key", algorithm="HS256")\n',
      findings: [{ text: '"my-jwt-signing-key"', message: 'key of `jwt.encode`' }],
      output: 'import jwt\nimport os\ntoken = jwt.encode({"sub": uid}, os.environ["JWT_SECRET_KEY"], algorithm="HS256")\n',
    },
    {
      name: 'attribute assignment in a class',
      code: dedent(`
        class Client:
            def __init__(self):
                self.client_secret = "f00b4r-b4z-2024"
      `),
      findings: [{ text: '"f00b4r-b4z-2024"' }],
      output: dedent(`
        import os
        class Client:
            def __init__(self):
                self.client_secret = os.environ["CLIENT_SECRET"]
      `),
    },
    {
      name: 'connection URL in a list: no fix',
      code: 'REPLICAS = ["postgresql://app:Sup3rS3cret@replica1/app"]\n',
      findings: [{ text: '"postgresql://app:Sup3rS3cret@replica1/app"' }],
      output: null,
      noFixBecause: 'not assigned to a name',
    },
    {
      name: 'compared with a password',
      code: 'import os\ndef check(password):\n    return password == "letmein-2024"\n',
      findings: [{ text: '"letmein-2024"', message: 'compared with `password`' }],
      output: null,
      noFixBecause: 'hmac.compare_digest',
    },
    {
      name: '`os` taken by something else: no fix',
      code: 'os = "linux"\npassword = "hunter2hunter2"\n',
      findings: [{ text: '"hunter2hunter2"' }],
      output: null,
      noFixBecause: '`os`',
    },
    {
      name: 'the variable is named after the subscript key',
      code: 'import os\nconfig = {}\nconfig["smtp_password"] = "mail-Pa55-2024"\n',
      findings: [{ text: '"mail-Pa55-2024"' }],
      output: 'import os\nconfig = {}\nconfig["smtp_password"] = os.environ["SMTP_PASSWORD"]\n',
    },
    {
      name: "a keyword argument takes the name of the call's result in front",
      code: 'import os\nimport psycopg\nanalytics_db = psycopg.connect(host="db", password="pg-Secret-123")\n',
      findings: [{ text: '"pg-Secret-123"' }],
      output: 'import os\nimport psycopg\nanalytics_db = psycopg.connect(host="db", password=os.environ["ANALYTICS_DB_PASSWORD"])\n',
    },
    {
      name: 'two different passwords passed as password= get the names of their services',
      code: 'import os\nimport psycopg\nimport redis\npsycopg.connect(host="db", password="pg-Secret-123")\nredis.Redis(host="cache", password="redis-Secret-456")\n',
      findings: [{ text: '"pg-Secret-123"' }, { text: '"redis-Secret-456"' }],
      output: 'import os\nimport psycopg\nimport redis\npsycopg.connect(host="db", password=os.environ["PSYCOPG_PASSWORD"])\nredis.Redis(host="cache", password="redis-Secret-456")\n',
    },
    {
      name: 'two different secrets under the same key in two dicts get their owner in front',
      code: 'import os\nPRIMARY = {"host": "a", "password": "first-Pa55-1"}\nREPLICA = {"host": "b", "password": "second-Pa55-2"}\n',
      findings: [{ text: '"first-Pa55-1"' }, { text: '"second-Pa55-2"' }],
      output: 'import os\nPRIMARY = {"host": "a", "password": os.environ["PRIMARY_PASSWORD"]}\nREPLICA = {"host": "b", "password": "second-Pa55-2"}\n',
    },
    {
      name: 'a bytes Fernet key through a name: the fix keeps bytes',
      code: 'from cryptography.fernet import Fernet\nKEY = b"Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo="\nf = Fernet(KEY)\n',
      findings: [{ text: 'b"Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo="', confidence: 'high', message: 'key of `cryptography.fernet.Fernet` (through `KEY`)' }],
      output: 'from cryptography.fernet import Fernet\nimport os\nKEY = os.environ["FERNET_KEY"].encode()\nf = Fernet(KEY)\n',
    },
    {
      name: 'hmac.new with a literal key',
      code: 'import hmac, hashlib\nsig = hmac.new(b"s3cr3t-signing-value-991", msg, hashlib.sha256).hexdigest()\n',
      findings: [{ text: 'b"s3cr3t-signing-value-991"', message: 'key of `hmac.new`' }],
      output: 'import hmac, hashlib\nimport os\nsig = hmac.new(os.environ["HMAC_KEY"].encode(), msg, hashlib.sha256).hexdigest()\n',
    },
    {
      name: 'a jwt key through a name that does not say secret',
      code: 'import jwt\nsigning = "a9f8s7d6f5g4h3j2k1"\ntoken = jwt.encode({"a": 1}, signing, algorithm="HS256")\n',
      findings: [{ text: '"a9f8s7d6f5g4h3j2k1"', message: 'key of `jwt.encode` (through `signing`)' }],
      output: 'import jwt\nimport os\nsigning = os.environ["JWT_SECRET_KEY"]\ntoken = jwt.encode({"a": 1}, signing, algorithm="HS256")\n',
    },
    {
      name: 'itsdangerous serializer key',
      code: 'from itsdangerous import URLSafeTimedSerializer\ns = URLSafeTimedSerializer("reset-9f8e7d6c5b4a")\n',
      findings: [{ text: '"reset-9f8e7d6c5b4a"', message: 'URLSafeTimedSerializer' }],
      output: 'from itsdangerous import URLSafeTimedSerializer\nimport os\ns = URLSafeTimedSerializer(os.environ["SIGNING_KEY"])\n',
    },
    {
      name: 'Django startproject SECRET_KEY',
      code: 'INSTALLED_APPS = []\nSECRET_KEY = "django-insecure-@k3$x9!2m#z7qv1w8e6r5t4y3u2i1o0p"\n',
      findings: [{ text: '"django-insecure-@k3$x9!2m#z7qv1w8e6r5t4y3u2i1o0p"', confidence: 'high' }],
      output: 'import os\nINSTALLED_APPS = []\nSECRET_KEY = os.environ["SECRET_KEY"]\n',
    },
    {
      name: 'Flask app.secret_key',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.secret_key = "dev-9f8a7s6d5f4g3h2j"\n',
      findings: [{ text: '"dev-9f8a7s6d5f4g3h2j"', message: 'app.secret_key' }],
      output: 'from flask import Flask\nimport os\napp = Flask(__name__)\napp.secret_key = os.environ["SECRET_KEY"]\n',
    },
  ],
};
