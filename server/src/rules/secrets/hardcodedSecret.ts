/**
 * ## What it does
 * Flags passwords, API keys, tokens and other secrets written in the code: string literals
 * assigned to a name that says it is a secret (`DB_PASSWORD = "..."`, `app.config["SECRET_KEY"] = "..."`),
 * used as a parameter default or keyword argument (`connect(password="...")`), compared with a
 * secret (`if password == "..."`), stored under a
 * secret key in a dict literal, passed as a key — to `jwt.encode`/`jwt.decode`, `Fernet(...)`,
 * `hmac.new`/`hmac.digest` or an itsdangerous signer, written there or through a name assigned a
 * string or bytes literal (`KEY = b"..."` then `Fernet(KEY)`) — or embedded in a connection URL
 * (`postgresql://user:secret@host/db`). Empty strings, obvious placeholders
 * (`"changeme"`, `"<your-key>"`, `"xxx"`) and values inside test functions are not flagged.
 *
 * ## Why is this bad?
 * Source code is copied to every clone, fork, CI log, backup and code-search index. A secret in
 * it is readable by everyone who can read the code, stays in version-control history after it is
 * removed, and cannot be rotated without a release.
 *
 * ## Example
 * ```python
 * DATABASE_PASSWORD = "s3cr3t-Pa55"
 * ```
 *
 * ## Use instead
 * ```python
 * import os
 *
 * DATABASE_PASSWORD = os.environ["DATABASE_PASSWORD"]
 * ```
 * Keep local values in a `.env` file that `.gitignore` excludes and load it with python-dotenv,
 * or use a secrets manager.
 *
 * ## References
 * - CWE-798: Use of Hard-coded Credentials
 * - OWASP Top 10 2021 A07: Identification and Authentication Failures
 */
import type { Node } from '../../parser/parser';
import { ensureModuleImported } from '../../fixes/python';
import { argumentValue, literalString } from '../../semantic/calls';
import type { Confidence, Fix, Rule, RuleContext } from '../../ruleApi/types';
import { isTestCode, nodeMentions } from '../shared';
import { isSecretName, splitWords } from './secretInLog';
import { unsafeFix } from '../../fixes/fix';
import { assignedTarget, assignedValue } from '../../semantic/assignments';

const placeholder =
  /^(?:|x+|\*+|\.+|-+|_+|0+|none|null|nil|secret|pass|password|passwd|changeme|test\w*|change[-_ ]?me|todo|fixme|tbd|redacted|dummy|fake|test|testing|example|sample|placeholder|default|your[-_ ].*|<.*>|\{\{.*\}\}|\$\{.*\}|\$[A-Z_]+|%\(.*\)s|xxx.*|.*(?:changeme|change_me|placeholder|replace[-_ ]?me|your[-_]?(?:api[-_]?)?(?:key|token|secret|password)).*)$/i;
const connectionUrl = /^[a-z][a-z0-9+.-]*:\/\/([^\s:/@]+):([^\s@/]+)@[^\s/]+/i;
const jwtKeyed = new Set(['jwt.encode', 'jwt.decode', 'jose.jwt.encode', 'jose.jwt.decode']);
/** Calls whose argument is a secret key by its use: the position, the keyword, and the name the key goes by. */
const keyedCalls: ReadonlyMap<string, { index: number; keyword: string; name: string }> = new Map([
  ['cryptography.fernet.Fernet', { index: 0, keyword: 'key', name: 'fernet_key' }],
  ['hmac.new', { index: 0, keyword: 'key', name: 'hmac_key' }],
  ['hmac.digest', { index: 0, keyword: 'key', name: 'hmac_key' }],
  ['itsdangerous.Signer', { index: 0, keyword: 'secret_key', name: 'signing_key' }],
  ['itsdangerous.TimestampSigner', { index: 0, keyword: 'secret_key', name: 'signing_key' }],
  ['itsdangerous.Serializer', { index: 0, keyword: 'secret_key', name: 'signing_key' }],
  ['itsdangerous.URLSafeSerializer', { index: 0, keyword: 'secret_key', name: 'signing_key' }],
  ['itsdangerous.URLSafeTimedSerializer', { index: 0, keyword: 'secret_key', name: 'signing_key' }],
]);

/**
 * The literal a key argument holds: the literal itself, or the literal a plain name was assigned (`KEY = b"..."` then
 * `Fernet(KEY)`), unless that assignment is reported on its own (a secret's name holding a string).
 */
function keyLiteral(context: RuleContext, argument: Node): { value: Node; through?: string } | undefined {
  if (isStringLiteral(argument)) return { value: argument };
  if (argument.type !== 'identifier') return undefined;
  const value = context.model.assignedValue(argument);
  if (!value || !isStringLiteral(value)) return undefined;
  if (literalString(context.model, value) !== undefined && isSecretName(argument.text)) return undefined;
  return { value, through: argument.text };
}

/** Why a literal is not a real secret: empty, a placeholder, prose, or the name of a field. */
function looksLikeRealSecret(value: string, name: string): boolean {
  if (value.length < 4 || placeholder.test(value.trim())) return false;
  if (/\s/.test(value)) return false;
  // `PASSWORD_FIELD = "password"`, `TOKEN_HEADER = "X-Auth-Token"`: the value names the secret, it is not one.
  const words = new Set(splitWords(name));
  const namesAField = /^[a-z_]+$/.test(value) || /^(?:[A-Z][a-z]*-)+[A-Z][a-z]*$/.test(value);
  if (
    namesAField &&
    splitWords(value).some(
      (word) => words.has(word) || ['password', 'token', 'secret', 'key', 'auth', 'authorization'].includes(word),
    )
  )
    return false;
  if (/^(?:https?|file):\/\//i.test(value) && !connectionUrl.test(value)) return false;
  if (/^[./~]|^[A-Za-z]:\\/.test(value) && /[/\\]/.test(value)) return false;
  // Module paths (`http.cookies`), dotted numbers (OIDs, versions) and format strings are not secrets.
  if (/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(value) || /^[\d.]+$/.test(value) || /%[sd(]|\{\w*\}/.test(value))
    return false;
  return true;
}

function confidenceOf(value: string): Confidence {
  return value.length >= 16 && /[A-Za-z]/.test(value) && /\d/.test(value) ? 'high' : 'medium';
}

function environmentName(name: string): string {
  return splitWords(name).join('_').toUpperCase();
}

/** The name a value is stored under: `x`, `self.x` → `x`, `config["X"]` → `X`. */
function targetName(node: Node, context: RuleContext): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  if (node.type === 'subscript') return literalString(context.model, node.childForFieldName('subscript') ?? undefined);
  if (node.type === 'string') return literalString(context.model, node);
  return undefined;
}

/** Only string literals are reported (see literalString): other values are not looked at further. */
function isStringLiteral(node: Node): boolean {
  const type = node.type;
  return type === 'string' || type === 'concatenated_string';
}

/** A place where a string literal may be a secret: the literal, the name it is known by, how it is used. */
interface Site {
  value: Node;
  name: string;
  what: string;
  /** True when the fix applies; otherwise why it does not. */
  fixable: boolean | string;
  /** A key by its use (`Fernet(key)`, `hmac.new(key, ...)`): its name need not say so, and it may be bytes. */
  key?: true;
}

/** The text of a bytes literal written without interpolation (`b"..."`, `rb'...'`), in its source escaping. */
function bytesLiteral(node: Node): string | undefined {
  if (node.type !== 'string' || node.namedChildren.some((child) => child?.type === 'interpolation')) return undefined;
  const match = /^(?:[bB][rR]?|[rR][bB])("""|'''|"|')([\s\S]*)\1$/.exec(node.text);
  return match?.[2];
}

/** Whether a site is reported: a literal that is not test code and looks like a real secret for its name. */
function isReported(context: RuleContext, site: Site): { literal: string; url: RegExpExecArray | null } | undefined {
  const literal = literalString(context.model, site.value) ?? (site.key ? bytesLiteral(site.value) : undefined);
  if (literal === undefined || isTestCode(context.model, site.value)) return undefined;
  const url = connectionUrl.exec(literal);
  if (site.key) {
    if (!looksLikeRealSecret(literal, site.name)) return undefined;
  } else if (url) {
    if (!looksLikeRealSecret(decodeURIComponent(safeDecode(url[2])), 'password')) return undefined;
  } else if (!isSecretName(site.name) || !looksLikeRealSecret(literal, site.name)) return undefined;
  return { literal, url };
}

function report(context: RuleContext, site: Site): void {
  const reported = isReported(context, site);
  if (!reported) return;
  const { literal, url } = reported;
  const { value, what, fixable } = site;
  let fix: Fix | undefined;
  let fixUnavailable: string | undefined;
  if (typeof fixable === 'string') fixUnavailable = fixable;
  else if (!/^[A-Z][A-Z0-9_]*$/.test(environmentName(site.name)))
    fixUnavailable = 'no environment variable name can be derived from the name';
  else {
    const variable = environmentVariableOf(context, value);
    const os = ensureModuleImported(context, 'os', value);
    if (!os) fixUnavailable = 'the name `os` is already used for something else in this file';
    else
      fix = unsafeFix(
        `Read the secret from the environment variable ${variable}`,
        'the variable must be set when the program runs',
        [
          ...os.edits,
          {
            start: value.startIndex,
            end: value.endIndex,
            // A bytes key stays bytes.
            newText: `os.environ["${variable}"]${bytesLiteral(value) !== undefined ? '.encode()' : ''}`,
          },
        ],
      );
  }
  const message = url
    ? `Connection URL with a hard-coded password ${what}. Read the URL (or its password) from the environment or a secrets manager.`
    : `Hard-coded secret ${what}. Read it from the environment or a secrets manager instead.`;
  context.report({ node: value, message, confidence: url ? 'high' : confidenceOf(literal), fix, fixUnavailable });
}

// ---- environment variable names ----

/** Words that say nothing about which secret it is: `conn`, `client`, `self`, `config`. */
const genericWords = new Set([
  'self',
  'cls',
  'conn',
  'connection',
  'connections',
  'con',
  'cnx',
  'client',
  'clients',
  'session',
  'sess',
  's',
  'c',
  'r',
  'x',
  'cur',
  'cursor',
  'config',
  'configs',
  'conf',
  'cfg',
  'settings',
  'setting',
  'options',
  'option',
  'opts',
  'params',
  'kwargs',
  'args',
  'data',
  'env',
  'environ',
  'os',
  'app',
  'result',
  'res',
  'resp',
  'response',
  'obj',
  'instance',
  'default',
  'defaults',
  'my',
  'the',
  'new',
  'get',
  'set',
  'create',
  'make',
  'build',
  'open',
  'init',
  'setup',
  'connect',
  'login',
  'auth',
  'authenticate',
  'start',
  'run',
  'main',
  'new',
  'from',
  'url',
  'engine',
  'pool',
  'handle',
  'h',
  'api',
  'service',
  'manager',
  'wrapper',
  'helper',
  'object',
  'value',
  'values',
  'dict',
  'mapping',
  'kw',
  'credentials',
  'creds',
]);

function specificWords(text: string): string[] {
  return splitWords(text).filter((word) => !genericWords.has(word) && !/^\d+$/.test(word));
}

/** The call a value is an argument of (`connect(password="...")`), when it is one. */
function callOfArgument(value: Node): Node | undefined {
  const holder = value.parent?.type === 'keyword_argument' ? value.parent.parent : value.parent;
  return holder?.type === 'argument_list' && holder.parent?.type === 'call' ? holder.parent : undefined;
}

/** The name a call's result is assigned to (`analytics_db = psycopg.connect(...)` → `analytics_db`). */
function assignedTo(node: Node): Node | undefined {
  const parent = node.parent;
  return parent?.type === 'assignment' && parent.childForFieldName('right')?.id === node.id
    ? (parent.childForFieldName('left') ?? undefined)
    : undefined;
}

/** The last word-bearing part of a target: `self.smtp` → `smtp`, `config["db"]` → `db`. */
function targetWords(node: Node | undefined, context: RuleContext): string[] {
  if (!node) return [];
  const name = targetName(node, context);
  return name ? specificWords(name) : [];
}

/**
 * The callee's words that name the service: `psycopg.connect` → psycopg, `redis.Redis` → redis, `self.smtp.login` →
 * smtp.
 */
function calleeWords(call: Node, context: RuleContext): string[] {
  const path = context.model.calleeName(call) ?? call.childForFieldName('function')?.text ?? '';
  const parts = path.split('.').filter(Boolean);
  for (const part of parts.length > 1 ? [...parts.slice(0, -1).reverse(), parts[parts.length - 1]] : parts) {
    const words = specificWords(part);
    if (words.length) return words;
  }
  return [];
}

/** The enclosing class's words for `self.password = "..."` (`class Mailer` → mailer). */
function classWords(node: Node): string[] {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'class_definition') return specificWords(current.childForFieldName('name')?.text ?? '');
  }
  return [];
}

/** What the secret belongs to, from what holds it: the call, the dict's owner, the object or class. */
function ownerWords(value: Node, context: RuleContext): string[] {
  const call = callOfArgument(value);
  if (call) {
    const owner = targetWords(assignedTo(call), context);
    return owner.length ? owner : calleeWords(call, context);
  }
  const parent = value.parent;
  if (parent?.type === 'pair') {
    const dictionary = parent.parent;
    const holder = dictionary?.parent;
    if (!dictionary || !holder) return [];
    if (holder.type === 'pair') return targetWords(holder.childForFieldName('key') ?? undefined, context);
    if (holder.type === 'assignment') return targetWords(holder.childForFieldName('left') ?? undefined, context);
    if (holder.type === 'keyword_argument')
      return [
        ...specificWords(holder.childForFieldName('name')?.text ?? ''),
        ...(callOfArgument(dictionary) ? calleeWords(callOfArgument(dictionary)!, context) : []),
      ];
    const call = callOfArgument(dictionary);
    return call ? calleeWords(call, context) : [];
  }
  if (parent?.type === 'assignment') {
    const left = parent.childForFieldName('left');
    const object =
      left?.type === 'attribute' || left?.type === 'subscript'
        ? left.childForFieldName(left.type === 'attribute' ? 'object' : 'value')
        : undefined;
    if (!object) return [];
    if (object.text === 'self' || object.text === 'cls') return classWords(parent);
    return targetWords(object, context);
  }
  return [];
}

/** Joins words into a variable name, dropping the owner's words the name already has (`DB` + `DB_PASSWORD`). */
function prefixed(owner: string[], name: string): string {
  const words = splitWords(name);
  const extra = owner.filter((word) => !words.includes(word));
  return environmentName([...extra, ...words].join('_'));
}

/**
 * The variable's name before the file is looked at as a whole: the target, key or keyword, with
 * the name the result of the call is assigned to in front of a keyword (`db = connect(password=...)`
 * → `DB_PASSWORD`); and a more specific one, with what the secret belongs to in front.
 */
function variableNames(context: RuleContext, site: Site): { base: string; specific: string } {
  const base = environmentName(site.name);
  const call = site.value.parent?.type === 'keyword_argument' ? callOfArgument(site.value) : undefined;
  const owner = call ? targetWords(assignedTo(call), context) : [];
  const better = owner.length ? prefixed(owner, site.name) : base;
  return { base: better, specific: prefixed(ownerWords(site.value, context), site.name) };
}

/** The node types whose visits find sites (see `sitesOf`). */
const siteTypes = ['assignment', 'keyword_argument', 'pair', 'call'];

/**
 * The environment variable a reported secret is read from. Two different secrets of one file never
 * share a name: when several would, each takes the more specific name (what it belongs to in
 * front, `REDIS_PASSWORD`), and a number is added when that is not enough. The same literal
 * under the same name is one secret and keeps one variable.
 */
function environmentVariableOf(context: RuleContext, value: Node): string {
  // The name depends on every other secret of the file: the finding is checked again after any edit.
  context.textOf(0);
  return context.once('variable names', () => nameAll(context)).get(value.startIndex) ?? environmentName('secret');
}

function nameAll(context: RuleContext): Map<number, string> {
  const sites: { site: Site; literal: string; base: string; specific: string }[] = [];
  for (const node of context.model.root.descendantsOfType(siteTypes)) {
    if (!node) continue;
    for (const site of sitesOf(node, context)) {
      if (site.fixable !== true) continue;
      const reported = isReported(context, site);
      if (!reported) continue;
      sites.push({ site, literal: reported.literal, ...variableNames(context, site) });
    }
  }
  sites.sort((a, b) => a.site.value.startIndex - b.site.value.startIndex);
  // Names several different literals would get: each of those takes its specific name.
  const literalsOf = new Map<string, Set<string>>();
  for (const { base, literal } of sites) literalsOf.set(base, (literalsOf.get(base) ?? new Set()).add(literal));
  const owner = new Map<string, string>();
  const names = new Map<number, string>();
  for (const entry of sites) {
    const wanted = (literalsOf.get(entry.base)?.size ?? 0) > 1 ? entry.specific : entry.base;
    let name = wanted;
    for (let n = 2; owner.has(name) && owner.get(name) !== entry.literal; n++) name = `${wanted}_${n}`;
    owner.set(name, entry.literal);
    names.set(entry.site.value.startIndex, name);
  }
  return names;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function visitSites(node: Node, context: RuleContext): void {
  for (const site of sitesOf(node, context)) report(context, site);
}

/** The secrets an assignment, keyword argument, dict pair or call may hold, with the name each is known by. */
function sitesOf(node: Node, context: RuleContext): Site[] {
  switch (node.type) {
    case 'assignment': {
      const right = assignedValue(node);
      if (!right || !isStringLiteral(right)) return [];
      const left = assignedTarget(node);
      const name = left ? targetName(left, context) : undefined;
      return left && name !== undefined
        ? [{ value: right, name, what: `assigned to \`${left.text}\``, fixable: true }]
        : [];
    }
    case 'keyword_argument': {
      const value = node.childForFieldName('value');
      if (!value || !isStringLiteral(value)) return [];
      const name = node.childForFieldName('name')?.text;
      return name ? [{ value, name, what: `passed as \`${name}=\``, fixable: true }] : [];
    }
    case 'pair': {
      const value = node.childForFieldName('value');
      if (!value || !isStringLiteral(value)) return [];
      const key = node.childForFieldName('key');
      const name = key ? literalString(context.model, key) : undefined;
      return name ? [{ value, name, what: `stored under the key \`${name}\``, fixable: true }] : [];
    }
    case 'call': {
      const callee = context.model.calleeName(node);
      const keyed = callee ? keyedCalls.get(callee) : undefined;
      if (callee && (jwtKeyed.has(callee) || keyed)) {
        const argument = keyed ? argumentValue(node, keyed.index, keyed.keyword) : argumentValue(node, 1, 'key');
        const found = argument ? keyLiteral(context, argument) : undefined;
        if (!found) return [];
        return [
          {
            value: found.value,
            name: keyed?.name ?? 'jwt_secret_key',
            what: `used as the key of \`${callee}\`${found.through ? ` (through \`${found.through}\`)` : ''}`,
            fixable: true,
            key: true,
          },
        ];
      }
      // Connection URLs passed straight to a call: create_engine("postgresql://u:p@h/db"). A plain
      // string literal holds `://` only if its source does.
      if (!nodeMentions(context, node, '://')) return [];
      const first = argumentValue(node, 0, 'url');
      if (first?.type === 'string' && first.parent?.type !== 'keyword_argument') {
        const literal = literalString(context.model, first);
        if (literal && connectionUrl.test(literal))
          return [
            {
              value: first,
              name: 'database_url',
              what: `passed to \`${node.childForFieldName('function')?.text ?? 'a call'}\``,
              fixable: true,
            },
          ];
      }
      return [];
    }
    default:
      return [];
  }
}

/** A secret as a parameter's default (`def f(password="...")`, typed or not). */
function visitDefault(node: Node, context: RuleContext): void {
  const value = node.childForFieldName('value');
  if (!value || !isStringLiteral(value)) return;
  const name = node.childForFieldName('name')?.text;
  if (name)
    report(context, {
      value,
      name,
      what: `as the default of parameter \`${name}\``,
      fixable:
        'a default value is evaluated once, when the function is defined; read the environment inside the function instead',
    });
}

export const hardcodedSecret: Rule = {
  meta: {
    id: 'PSG202',
    name: 'hardcoded-secret',
    title: 'Hard-coded secret',
    defaultSeverity: 'error',
    cwe: 798,
    owasp: 'A07:2021-Identification and Authentication Failures',
    checklistItem: 'secrets-from-environment',
    bandit: ['B105', 'B106', 'B107'],
    ruff: ['S105', 'S106', 'S107'],
    fixable: true,
    fixes: [
      {
        title: 'Read the secret from the environment variable <NAME>',
        applicability: 'unsafe',
        why: 'The program needs the variable set when it runs (KeyError otherwise); the literal is gone from the code.',
      },
    ],
  },
  triggers: [],
  visitors: {
    assignment: visitSites,
    comparison_operator(node, context) {
      // `if password == "hunter2":` checks against a password written in the code. Without a quote
      // in the comparison no operand is a string literal, and only those are reported.
      if (!nodeMentions(context, node, '"') && !nodeMentions(context, node, "'")) return;
      const operands = node.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
      const operators = node.children.filter((n) => n && !n.isNamed).map((n) => n.text);
      if (operands.length !== 2 || (operators[0] !== '==' && operators[0] !== '!=')) return;
      const [left, right] = operands;
      const [named, value] = literalString(context.model, right) !== undefined ? [left, right] : [right, left];
      const name = targetName(named, context);
      // Plain words compared with a secret's name are modes and schemes (`auth == "Basic"`), not secrets.
      if (/^[A-Za-z]+$/.test(literalString(context.model, value) ?? '')) return;
      if (name !== undefined && named.type !== 'string')
        report(context, {
          value,
          name,
          what: `compared with \`${named.text}\``,
          fixable:
            'compare against a secret from the environment in constant time: `hmac.compare_digest(value, os.environ["NAME"])`',
        });
    },
    default_parameter: visitDefault,
    typed_default_parameter: visitDefault,
    keyword_argument: visitSites,
    pair: visitSites,
    call: visitSites,
    string(node, context) {
      // A connection URL anywhere else (list items, return values); assignments and arguments are handled above.
      if (!nodeMentions(context, node, '://')) return;
      const parent = node.parent;
      if (
        !parent ||
        [
          'assignment',
          'keyword_argument',
          'pair',
          'default_parameter',
          'typed_default_parameter',
          'argument_list',
          'concatenated_string',
          'expression_statement',
        ].includes(parent.type)
      )
        return;
      const literal = literalString(context.model, node);
      if (literal && connectionUrl.test(literal))
        report(context, {
          value: node,
          name: 'database_url',
          what: 'in a string literal',
          fixable: 'the URL is not assigned to a name an environment variable could be named after',
        });
    },
  },
};
