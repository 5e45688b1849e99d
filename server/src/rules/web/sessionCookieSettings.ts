/**
 * ## What it does
 * Flags session and CSRF cookie settings that switch a protection off: Django and Flask
 * `SESSION_COOKIE_SECURE = False`, `SESSION_COOKIE_HTTPONLY = False`, `CSRF_COOKIE_SECURE = False`,
 * `SESSION_COOKIE_SAMESITE = None`, `CSRF_COOKIE_SAMESITE = None`, Flask-Login's
 * `REMEMBER_COOKIE_SECURE`/`REMEMBER_COOKIE_HTTPONLY = False` (as module or class attributes,
 * `app.config[...] = ...` or `app.config.update(...)`); Starlette's `SessionMiddleware` without
 * `https_only=True`; aiohttp-session cookie storages without `secure=True` or with `httponly=False`.
 * Settings in development and test configurations (a `DevelopmentConfig` class, `settings/dev.py`,
 * `local_settings.py`, tests) are not reported.
 *
 * A Django settings module that looks like production settings (it assigns `SECRET_KEY` and
 * `INSTALLED_APPS`, and `DEBUG` is not `True`) but never mentions `SESSION_COOKIE_SECURE` or
 * `CSRF_COOKIE_SECURE` is reported too (at medium confidence): both default to `False`. Only the
 * cookies its `MIDDLEWARE` sends count (`SessionMiddleware`, `CsrfViewMiddleware` unless
 * `CSRF_USE_SESSIONS`). Settings split across modules are left alone: a module that star-imports
 * other settings (`from .base import *`) or uses django-split-settings may get the values from
 * them, and the shared module of a `settings/` package (`base.py`, `common.py`, `defaults.py`,
 * `__init__.py`) leaves them to the production module. Such layouts are not reported at all (a
 * missing setting there is not seen), which is the price of not reporting every shared module.
 *
 * ## Why is this bad?
 * The session cookie is the login. Sent over plain HTTP (no `Secure`), anyone on the network can
 * take it and be the user; readable by scripts (no `HttpOnly`), an XSS payload sends it away; sent
 * with cross-site requests (no `SameSite`), other sites can act as the user.
 *
 * ## Example
 * ```python
 * SESSION_COOKIE_SECURE = False
 * app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_KEY"])
 * ```
 *
 * ## Use instead
 * ```python
 * SESSION_COOKIE_SECURE = True
 * app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_KEY"], https_only=True)
 * ```
 *
 * ## References
 * - CWE-614: Sensitive Cookie in HTTPS Session Without 'Secure' Attribute
 * - CWE-1004: Sensitive Cookie Without 'HttpOnly' Flag
 * - CWE-1275: Sensitive Cookie with Improper SameSite Attribute
 * - OWASP Top 10 2021 A05: Security Misconfiguration
 */
import type { Node } from '../../parser/parser';
import type { ModelView } from '../../semantic/model';
import { unsafeFix } from '../../fixes/fix';
import { argumentsOf, constantString, hasSplat, keywordValue, literalString, methodName } from '../../semantic/calls';
import type { Rule, RuleContext, TextEdit } from '../../ruleApi/types';
import { lineBreak } from '../../fixes/python';
import { appendArgument } from '../../fixes/callEdits';
import { cookieProtection } from './cookies';
import { isDevelopment } from './developmentConfig';
import { assignedTarget, assignedValue } from '../../semantic/assignments';

/** Settings and the value that turns their protection off. */
const settings: ReadonlyMap<string, { off: 'false' | 'none'; wanted: string; what: string }> = new Map([
  ['SESSION_COOKIE_SECURE', { off: 'false', wanted: 'True', what: 'the session cookie is also sent over plain HTTP' }],
  ['CSRF_COOKIE_SECURE', { off: 'false', wanted: 'True', what: 'the CSRF cookie is also sent over plain HTTP' }],
  [
    'REMEMBER_COOKIE_SECURE',
    { off: 'false', wanted: 'True', what: 'the remember-me cookie is also sent over plain HTTP' },
  ],
  [
    'SESSION_COOKIE_HTTPONLY',
    { off: 'false', wanted: 'True', what: 'scripts on the page can read the session cookie' },
  ],
  [
    'REMEMBER_COOKIE_HTTPONLY',
    { off: 'false', wanted: 'True', what: 'scripts on the page can read the remember-me cookie' },
  ],
  [
    'SESSION_COOKIE_SAMESITE',
    { off: 'none', wanted: '"Lax"', what: 'the session cookie is sent with requests other sites make' },
  ],
  [
    'CSRF_COOKIE_SAMESITE',
    { off: 'none', wanted: '"Lax"', what: 'the CSRF cookie is sent with requests other sites make' },
  ],
]);

const sessionMiddleware = new Set(['starlette.middleware.sessions.SessionMiddleware']);
const cookieStorages = new Set([
  'aiohttp_session.cookie_storage.EncryptedCookieStorage',
  'aiohttp_session.nacl_storage.NaClCookieStorage',
  'aiohttp_session.redis_storage.RedisStorage',
  'aiohttp_session.memcached_storage.MemcachedStorage',
  'aiohttp_session.SimpleCookieStorage',
]);

function isOff(value: Node, off: 'false' | 'none'): boolean {
  return value.type === off || (off === 'none' && value.type === 'false');
}

function reportSetting(context: RuleContext, name: string, value: Node, at: Node): void {
  const setting = settings.get(name);
  if (!setting || !isOff(value, setting.off) || isDevelopment(context, at)) return;
  context.report({
    node: at,
    message: `\`${name}\` is off: ${setting.what}. Set it to \`${setting.wanted}\` in production settings.`,
    confidence: 'high',
    fix: unsafeFix(`Set ${name} to ${setting.wanted}`, 'the browser treats the cookie differently', [
      { start: value.startIndex, end: value.endIndex, newText: setting.wanted },
    ]),
  });
}

/** A keyword that must be `True` on a session middleware or storage: missing or off. */
function reportKeyword(context: RuleContext, call: Node, keyword: string, what: string, missingCounts: boolean): void {
  const value = keywordValue(call, keyword);
  if (value ? value.type !== 'false' && value.type !== 'none' : !missingCounts) return;
  if (isDevelopment(context, call)) return;
  const edit: TextEdit | undefined = value
    ? { start: value.startIndex, end: value.endIndex, newText: 'True' }
    : appendArgument(call, `${keyword}=True`);
  context.report({
    node: value?.parent ?? call,
    message: `${value ? `\`${keyword}=${value.text}\`` : `Without \`${keyword}=True\``}, ${what}. Pass \`${keyword}=True\`.`,
    confidence: value ? 'high' : 'medium',
    fix: edit ? unsafeFix(`Pass ${keyword}=True`, 'the browser treats the cookie differently', [edit]) : undefined,
    fixUnavailable: edit ? undefined : 'the arguments end in a comment the fix would have to move',
  });
}

function isConfig(node: Node | null | undefined): boolean {
  return !!node && /(?:^|\.)config$/.test(node.text);
}

function refersTo(model: ModelView, node: Node | undefined, names: ReadonlySet<string>): boolean {
  return !!node && names.has(model.qualifiedName(node) ?? '');
}

/** Settings that default to off and that a production settings module should set, with the middleware that sends the cookie. */
const requiredSettings: readonly {
  name: string;
  mentioned: RegExp;
  middleware: RegExp;
  unless?: RegExp;
  what: string;
}[] = [
  {
    name: 'SESSION_COOKIE_SECURE',
    mentioned: /\bSESSION_COOKIE_SECURE\b/,
    middleware: /SessionMiddleware/,
    what: 'the session cookie',
  },
  {
    name: 'CSRF_COOKIE_SECURE',
    mentioned: /\bCSRF_COOKIE_SECURE\b/,
    middleware: /CsrfViewMiddleware/,
    unless: /^CSRF_USE_SESSIONS\s*=\s*True\b/m,
    what: 'the CSRF cookie',
  },
];

/** The shared module of a `settings/` package, which the production module builds on. */
const sharedSettingsModule = /^(?:base|common|defaults?|shared|__init__)\.py$/;

/** Top-level assignments of a module, by the name assigned (the first of each). */
function topLevelAssignments(module: Node): Map<string, Node> {
  const found = new Map<string, Node>();
  const visit = (block: Node) => {
    for (const statement of block.namedChildren) {
      if (!statement) continue;
      if (statement.type === 'expression_statement') {
        const assignment = statement.namedChildren[0];
        const left = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
        if (left?.type === 'identifier' && !found.has(left.text)) found.set(left.text, assignment);
      } else if (
        ['if_statement', 'try_statement', 'else_clause', 'elif_clause', 'except_clause', 'block'].includes(
          statement.type,
        )
      ) {
        visit(statement);
      }
    }
  };
  visit(module);
  return found;
}

/** A Django production settings module that leaves secure-cookie settings at their `False` defaults. */
function checkMissingSettings(context: RuleContext, module: Node): void {
  const parts = (context.path ?? '').split(/[\\/]/);
  if (parts[parts.length - 2] === 'settings' && sharedSettingsModule.test(parts[parts.length - 1] ?? '')) return;
  // The text first: walking a long module's statements costs more on every keystroke.
  if (!context.textMatches(/\bSECRET_KEY\b/) || !context.textMatches(/\bINSTALLED_APPS\b/)) return;
  const assigned = topLevelAssignments(module);
  const secretKey = assigned.get('SECRET_KEY');
  if (!secretKey || !assigned.has('INSTALLED_APPS')) return;
  if (assigned.get('DEBUG')?.childForFieldName('right')?.type === 'true') return;
  // Settings that may come from elsewhere: a star import, django-split-settings' include().
  if (
    context.textMatches(/^from[ \t]+[\w.]+[ \t]+import[ \t]+\*/m) ||
    context.model.importedModules.has('split_settings.tools')
  )
    return;
  if (isDevelopment(context, module)) return;
  const missing = requiredSettings.filter(
    (setting) =>
      context.textMatches(setting.middleware) &&
      !(setting.unless && context.textMatches(setting.unless)) &&
      !context.textMatches(setting.mentioned),
  );
  if (missing.length === 0) return;
  const at = assigned.get('MIDDLEWARE') ?? secretKey;
  // After the last statement and the comment that may end its line.
  const last = module.namedChildren[module.namedChildren.length - 1] ?? module;
  const eol = lineBreak((start, end) => context.textOf(start, end));
  const names = missing.map((setting) => setting.name);
  context.report({
    node: at.childForFieldName('left')!,
    message: `This Django settings module never sets ${names.map((name) => `\`${name}\``).join(' or ')}, which default to \`False\`: ${missing.map((setting) => setting.what).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} also sent over plain HTTP. Set ${names.map((name) => `\`${name} = True\``).join(' and ')} in production settings.`,
    confidence: 'medium',
    fix: unsafeFix(`Set ${names.join(' and ')} to True`, 'the browser treats the cookie differently', [
      {
        start: last.endIndex,
        end: last.endIndex,
        newText: names.map((name) => `${eol}${name} = True`).join(''),
      },
    ]),
  });
}

export const sessionCookieSettings: Rule = {
  meta: {
    id: 'PSG616',
    name: 'session-cookie-settings',
    title: 'Session or CSRF cookie protection switched off',
    ...cookieProtection,
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Set <setting> to <value>',
        applicability: 'unsafe',
        why: 'The cookie gets its Secure, HttpOnly or SameSite attribute: a site served over plain HTTP loses its sessions, scripts can no longer read the cookie, cross-site requests no longer carry it.',
      },
      {
        title: 'Pass <keyword>=True',
        applicability: 'unsafe',
        why: 'The session cookie is sent over HTTPS only (or hidden from scripts): a site served over plain HTTP loses its sessions.',
      },
    ],
  },
  triggers: ['COOKIE', 'SessionMiddleware', 'Storage', 'INSTALLED_APPS'],
  visitors: {
    // Runs again on every edit (the module holds every change): what the module never sets may change anywhere.
    module(module, context) {
      checkMissingSettings(context, module);
    },
    assignment(assignment, context) {
      const left = assignedTarget(assignment);
      const right = assignedValue(assignment);
      if (!left || !right) return;
      if (left.type === 'identifier') {
        // Module-level settings (Django) and class attributes (Flask config objects), not locals.
        const scope = context.model.enclosingFunction(assignment);
        if (!scope) reportSetting(context, left.text, right, assignment);
      } else if (left.type === 'subscript' && isConfig(left.childForFieldName('value'))) {
        const name = literalString(context.model, left.childForFieldName('subscript') ?? undefined);
        if (name) reportSetting(context, name, right, assignment);
      }
    },
    call(call, context) {
      const model = context.model;
      const method = methodName(call);
      if (
        (method === 'update' || method === 'from_mapping') &&
        isConfig(call.childForFieldName('function')?.childForFieldName('object'))
      ) {
        for (const argument of argumentsOf(call)) {
          if (argument.type === 'keyword_argument') {
            const name = argument.childForFieldName('name')?.text;
            const value = argument.childForFieldName('value');
            if (name && value) reportSetting(context, name, value, argument);
          } else if (argument.type === 'dictionary') {
            for (const pair of argument.namedChildren) {
              if (pair?.type !== 'pair') continue;
              const name = constantString(model, pair.childForFieldName('key') ?? undefined);
              const value = pair.childForFieldName('value');
              if (name && value) reportSetting(context, name, value, pair);
            }
          }
        }
        return;
      }
      if (hasSplat(call)) return;
      const callee = model.calleeName(call);
      const first = argumentsOf(call)[0];
      if (
        (callee && sessionMiddleware.has(callee)) ||
        ((method === 'add_middleware' || /(?:^|\.)Middleware$/.test(callee ?? '')) &&
          refersTo(model, first, sessionMiddleware))
      ) {
        reportKeyword(context, call, 'https_only', 'the session cookie is also sent over plain HTTP', true);
        return;
      }
      if (callee && cookieStorages.has(callee)) {
        reportKeyword(context, call, 'secure', 'the session cookie is also sent over plain HTTP', true);
        reportKeyword(context, call, 'httponly', 'scripts on the page can read the session cookie', false);
      }
    },
  },
};
