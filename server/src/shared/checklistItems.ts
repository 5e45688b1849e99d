/**
 * The security checklist: the 2026 guide's 10-point deployment checklist, which findings can
 * fail, and the 2023 guide's practices that code cannot prove, which people check off by hand.
 * Each rule names the item its findings count against (`RuleMeta.checklistItem`).
 */
export interface ChecklistItem {
  id: ChecklistItemId;
  title: string;
  /** `automatic`: status comes from the findings of the rules mapped to it; `manual`: checked off by hand. */
  kind: 'automatic' | 'manual';
  description: string;
  /**
   * Automatic items only: when the workspace has code this item is about. `any-python`: every
   * Python workspace. `imports`: some file imports one of these modules (a name covers its
   * submodules: `django` covers `django.db`). Without such code and without findings the item is
   * "not applicable".
   */
  appliesTo?: ApplicabilityEvidence;
}

export type ApplicabilityEvidence = 'any-python' | { imports: readonly string[] };

const webFrameworks = ['flask', 'quart', 'django', 'fastapi', 'starlette', 'litestar', 'bottle', 'sanic', 'aiohttp.web', 'tornado.web', 'falcon', 'pyramid', 'werkzeug', 'cherrypy'];
const httpClients = ['requests', 'httpx', 'urllib', 'urllib3', 'http.client', 'aiohttp', 'ssl', 'smtplib', 'ftplib', 'imaplib', 'poplib'];
const databaseDrivers = ['sqlite3', 'aiosqlite', 'psycopg', 'psycopg2', 'asyncpg', 'pymysql', 'MySQLdb', 'mysql.connector', 'aiomysql', 'pg8000', 'cx_Oracle', 'oracledb', 'pyodbc', 'pymssql', 'sqlalchemy', 'django.db', 'peewee', 'pony', 'databases', 'duckdb', 'snowflake.connector', 'clickhouse_driver', 'records'];
const passwordLibraries = ['bcrypt', 'passlib', 'argon2', 'pwdlib', 'hashlib', 'hmac', 'crypt', 'werkzeug.security', 'django.contrib.auth', 'flask_login', 'flask_security', 'flask_bcrypt', 'fastapi_users'];

export type ChecklistItemId =
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
  | 'two-factor-auth'
  | 'role-based-access'
  | 'encrypted-config'
  | 'content-security-policy'
  | 'dependency-updates'
  | 'code-review';

export const checklist: readonly ChecklistItem[] = [
  { id: 'input-validated', kind: 'automatic', appliesTo: 'any-python', title: 'All user input is validated', description: 'No request data, parameter or input() reaches a file path, shell, eval or parser unchecked.' },
  { id: 'passwords-hashed', kind: 'automatic', appliesTo: { imports: passwordLibraries }, title: 'Passwords are hashed with bcrypt or argon2', description: 'No plaintext, MD5/SHA password storage, no == comparison of hashes.' },
  { id: 'secrets-from-environment', kind: 'automatic', appliesTo: 'any-python', title: 'Secrets come from environment variables', description: 'No passwords, keys or tokens written in the code; .env files kept out of version control.' },
  { id: 'https-enforced', kind: 'automatic', appliesTo: { imports: [...webFrameworks, ...httpClients] }, title: 'HTTPS is enforced in production', description: 'TLS verification on, no plain-HTTP endpoints, HTTPS redirects, no debug mode.' },
  { id: 'dependencies-audited', kind: 'automatic', appliesTo: 'any-python', title: 'Dependencies are audited for vulnerabilities', description: 'Dependencies are pinned so that audits (pip-audit, safety) check what actually runs.' },
  { id: 'security-headers', kind: 'automatic', appliesTo: { imports: webFrameworks }, title: 'Security headers are configured', description: 'CSP, X-Frame-Options, X-Content-Type-Options, Referrer-Policy and HSTS set on every response.' },
  { id: 'rate-limited-auth', kind: 'automatic', appliesTo: { imports: webFrameworks }, title: 'Rate limiting is enabled on authentication endpoints', description: 'Login and token routes are rate limited against brute force.' },
  { id: 'uploads-restricted', kind: 'automatic', appliesTo: { imports: webFrameworks }, title: 'File uploads are restricted and validated', description: 'Uploads checked for size and type and saved under generated names.' },
  { id: 'sql-parameterized', kind: 'automatic', appliesTo: { imports: databaseDrivers }, title: 'SQL queries use parameterization', description: 'No SQL built from strings; values are bound as parameters.' },
  { id: 'logs-without-secrets', kind: 'automatic', appliesTo: 'any-python', title: 'Logs do not contain sensitive data', description: 'No passwords, tokens or keys in log lines or prints.' },
  { id: 'two-factor-auth', kind: 'manual', title: 'Two-factor authentication is offered', description: 'Accounts can (or must) use a second factor: authenticator app, hardware key.' },
  { id: 'role-based-access', kind: 'manual', title: 'Role-based access control limits what each user can do', description: 'Permissions are granted per role and checked on every sensitive action.' },
  { id: 'encrypted-config', kind: 'manual', title: 'Sensitive configuration is encrypted at rest', description: 'Configuration files holding credentials are encrypted and their keys managed.' },
  { id: 'content-security-policy', kind: 'manual', title: 'A strict Content Security Policy is in place', description: 'The CSP restricts scripts to trusted sources, without unsafe-inline.' },
  { id: 'dependency-updates', kind: 'manual', title: 'Python and dependencies are updated regularly', description: 'Security releases of Python and libraries are applied on a schedule (Dependabot, Renovate).' },
  { id: 'code-review', kind: 'manual', title: 'Code is reviewed with security in mind', description: 'Changes are peer reviewed and static analysis runs in CI.' },
];
