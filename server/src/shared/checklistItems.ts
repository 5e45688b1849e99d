/**
 * The security checklist: the 2026 guide's 10-point deployment checklist and items for what the
 * other rules check (files, timeouts, ciphers, hidden characters), whose status comes from the
 * findings, and the 2023 guide's practices that code cannot prove, which people check off by hand.
 *
 * The model, kept simple on purpose: an item is either automatic or manual, never both. Each rule
 * names the automatic item its findings count against (`RuleMeta.checklistItem`); a manual item has
 * no rules, so no finding can land on a checkbox where the view and the report would not show it.
 * A rule that checks part of a manual practice gets an automatic item of its own instead
 * (test/unit/checklistStatus.test.ts fails for a rule whose findings the checklist cannot show).
 */
export type ChecklistItem = AutomaticChecklistItem | ManualChecklistItem;

export interface AutomaticChecklistItem {
  id: AutomaticChecklistItemId;
  title: string;
  /** The status comes from the findings of the rules mapped to the item. */
  kind: 'automatic';
  description: string;
  /**
   * When the workspace has code this item is about. `any-python`: every Python workspace.
   * `imports`: some file imports one of these modules (a name covers its submodules: `django`
   * covers `django.db`). Without such code and without findings the item is "not applicable".
   */
  appliesTo: ApplicabilityEvidence;
}

export interface ManualChecklistItem {
  id: ManualChecklistItemId;
  title: string;
  /** Checked off by hand; no rule maps to it. */
  kind: 'manual';
  description: string;
}

/**
 * `dependency-manifests`: the workspace has requirements files, pyproject.toml, setup.cfg, a Pipfile or
 * a lock file (the summary counts them).
 */
export type ApplicabilityEvidence = 'any-python' | 'dependency-manifests' | { imports: readonly string[] };

const webFrameworks = [
  'flask',
  'quart',
  'django',
  'fastapi',
  'starlette',
  'litestar',
  'bottle',
  'sanic',
  'aiohttp.web',
  'tornado.web',
  'falcon',
  'pyramid',
  'werkzeug',
  'cherrypy',
];
const httpClients = [
  'requests',
  'httpx',
  'urllib',
  'urllib3',
  'http.client',
  'aiohttp',
  'ssl',
  'smtplib',
  'ftplib',
  'imaplib',
  'poplib',
];
const databaseDrivers = [
  'sqlite3',
  'aiosqlite',
  'psycopg',
  'psycopg2',
  'asyncpg',
  'pymysql',
  'MySQLdb',
  'mysql.connector',
  'aiomysql',
  'pg8000',
  'cx_Oracle',
  'oracledb',
  'pyodbc',
  'pymssql',
  'sqlalchemy',
  'django.db',
  'peewee',
  'pony',
  'databases',
  'duckdb',
  'snowflake.connector',
  'clickhouse_driver',
  'records',
];
const timeoutCheckedClients = ['requests', 'httpx'];
const cryptographyLibraries = ['cryptography', 'Crypto', 'Cryptodome'];
const passwordLibraries = [
  'bcrypt',
  'passlib',
  'argon2',
  'pwdlib',
  'hashlib',
  'hmac',
  'crypt',
  'werkzeug.security',
  'django.contrib.auth',
  'flask_login',
  'flask_security',
  'flask_bcrypt',
  'fastapi_users',
];

/** Items whose status comes from findings: the ids rules may name in `meta.checklistItem`. */
export type AutomaticChecklistItemId =
  | 'input-validated'
  | 'passwords-hashed'
  | 'secrets-from-environment'
  | 'https-enforced'
  | 'dependencies-audited'
  | 'security-headers'
  | 'rate-limited-auth'
  | 'uploads-restricted'
  | 'sql-parameterized'
  | 'logs-without-secrets'
  | 'files-created-safely'
  | 'requests-time-out'
  | 'strong-encryption'
  | 'no-hidden-characters'
  | 'html-escaped'
  | 'cookies-protected'
  | 'production-settings';

/** Items checked off by hand: no rule maps to them. */
export type ManualChecklistItemId =
  | 'two-factor-auth'
  | 'role-based-access'
  | 'encrypted-config'
  | 'content-security-policy'
  | 'dependency-updates'
  | 'code-review';

export type ChecklistItemId = AutomaticChecklistItemId | ManualChecklistItemId;

export const checklist: readonly ChecklistItem[] = [
  {
    id: 'input-validated',
    kind: 'automatic',
    appliesTo: 'any-python',
    title: 'All user input is validated',
    description: 'No request data, parameter or input() reaches a file path, shell, eval or parser unchecked.',
  },
  {
    id: 'passwords-hashed',
    kind: 'automatic',
    appliesTo: { imports: passwordLibraries },
    title: 'Passwords are hashed with bcrypt or argon2',
    description: 'No plaintext, MD5/SHA password storage, no == comparison of hashes.',
  },
  {
    id: 'secrets-from-environment',
    kind: 'automatic',
    appliesTo: 'any-python',
    title: 'Secrets come from environment variables',
    description: 'No passwords, keys or tokens written in the code; .env files kept out of version control.',
  },
  {
    id: 'https-enforced',
    kind: 'automatic',
    appliesTo: { imports: [...webFrameworks, ...httpClients] },
    title: 'HTTPS is enforced in production',
    description: 'TLS verification on, no plain-HTTP endpoints, HTTPS redirects, no debug mode.',
  },
  {
    id: 'dependencies-audited',
    kind: 'automatic',
    appliesTo: 'dependency-manifests',
    title: 'Dependencies are audited for vulnerabilities',
    description:
      'Pinned and locked versions are checked against the PyPA advisory database (offline); unpinned ones cannot be, so they count too.',
  },
  {
    id: 'security-headers',
    kind: 'automatic',
    appliesTo: { imports: webFrameworks },
    title: 'Security headers are configured',
    description: 'CSP, X-Frame-Options, X-Content-Type-Options, Referrer-Policy and HSTS set on every response.',
  },
  {
    id: 'rate-limited-auth',
    kind: 'automatic',
    appliesTo: { imports: webFrameworks },
    title: 'Rate limiting is enabled on authentication endpoints',
    description: 'Login and token routes are rate limited against brute force.',
  },
  {
    id: 'uploads-restricted',
    kind: 'automatic',
    appliesTo: { imports: webFrameworks },
    title: 'File uploads are restricted and validated',
    description: 'Uploads checked for size and type and saved under generated names.',
  },
  {
    id: 'sql-parameterized',
    kind: 'automatic',
    appliesTo: { imports: databaseDrivers },
    title: 'SQL queries use parameterization',
    description: 'No SQL built from strings; values are bound as parameters.',
  },
  {
    id: 'logs-without-secrets',
    kind: 'automatic',
    appliesTo: 'any-python',
    title: 'Logs do not contain sensitive data',
    description: 'No passwords, tokens or keys in log lines or prints.',
  },
  {
    id: 'files-created-safely',
    kind: 'automatic',
    appliesTo: 'any-python',
    title: 'Files and temporary files are created safely',
    description:
      'Temporary files come from tempfile (mkstemp, NamedTemporaryFile), not fixed paths in /tmp or mktemp(); no file or folder is made writable by every user.',
  },
  {
    id: 'requests-time-out',
    kind: 'automatic',
    appliesTo: { imports: timeoutCheckedClients },
    title: 'Outbound requests time out',
    description:
      'Every requests or httpx call to a URL chosen at run time has a timeout, so a slow server cannot hold a worker forever.',
  },
  {
    id: 'strong-encryption',
    kind: 'automatic',
    appliesTo: { imports: cryptographyLibraries },
    title: 'Encryption uses strong ciphers and keys',
    description:
      'No DES, 3DES, RC4, Blowfish or ECB mode; RSA and DSA keys of at least 2048 bits, elliptic curves of at least 224 bits.',
  },
  {
    id: 'no-hidden-characters',
    kind: 'automatic',
    appliesTo: 'any-python',
    title: 'Source code has no hidden characters',
    description:
      'No Unicode bidirectional control characters in comments or strings that make code read differently from how it runs (Trojan Source).',
  },
  {
    id: 'html-escaped',
    kind: 'automatic',
    appliesTo: { imports: webFrameworks },
    title: 'HTML built in Python escapes its values',
    description:
      'Responses written in Python (a view returning a string, HttpResponse, HTMLResponse) escape request data, and what goes into response headers and the session is checked first.',
  },
  {
    id: 'cookies-protected',
    kind: 'automatic',
    appliesTo: { imports: webFrameworks },
    title: 'Cookies are Secure, HttpOnly and SameSite',
    description:
      'Cookies set by the application and the session and CSRF cookies are sent over HTTPS only, hidden from scripts and not sent with cross-site requests.',
  },
  {
    id: 'production-settings',
    kind: 'automatic',
    appliesTo: { imports: webFrameworks },
    title: 'No debug mode or open host list in production settings',
    description:
      'Django DEBUG, aiohttp and Starlette debug, uvicorn reload are off outside development; ALLOWED_HOSTS names the hosts.',
  },
  {
    id: 'two-factor-auth',
    kind: 'manual',
    title: 'Two-factor authentication is offered',
    description: 'Accounts can (or must) use a second factor: authenticator app, hardware key.',
  },
  {
    id: 'role-based-access',
    kind: 'manual',
    title: 'Role-based access control limits what each user can do',
    description: 'Permissions are granted per role and checked on every sensitive action.',
  },
  {
    id: 'encrypted-config',
    kind: 'manual',
    title: 'Sensitive configuration is encrypted at rest',
    description: 'Configuration files holding credentials are encrypted and their keys managed.',
  },
  {
    id: 'content-security-policy',
    kind: 'manual',
    title: 'A strict Content Security Policy is in place',
    description: 'The CSP restricts scripts to trusted sources, without unsafe-inline.',
  },
  {
    id: 'dependency-updates',
    kind: 'manual',
    title: 'Python and dependencies are updated regularly',
    description: 'Security releases of Python and libraries are applied on a schedule (Dependabot, Renovate).',
  },
  {
    id: 'code-review',
    kind: 'manual',
    title: 'Code is reviewed with security in mind',
    description: 'Changes are peer reviewed and static analysis runs in CI.',
  },
];
