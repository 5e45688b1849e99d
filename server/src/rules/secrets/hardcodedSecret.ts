/**
 * ## What it does
 * Flags passwords, API keys, tokens and other secrets written in the code: string literals
 * assigned to a name that says it is a secret (`DB_PASSWORD = "..."`, `app.config["SECRET_KEY"] = "..."`),
 * used as a parameter default or keyword argument (`connect(password="...")`), compared with a
 * secret (`if password == "..."`), stored under a
 * secret key in a dict literal, passed as the key of `jwt.encode`/`jwt.decode`, or embedded in a
 * connection URL (`postgresql://user:secret@host/db`). Empty strings, obvious placeholders
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
import type { Node } from '../../engine/parser';
import { ensureModuleImported } from '../../fixes/python';
import { argumentValue, literalString } from '../../semantic/calls';
import type { Confidence, Fix, Rule, RuleContext } from '../types';
import { isTestCode, nodeMentions } from '../shared';
import { isSecretName, splitWords } from './secretInLog';
import { unsafeFix } from '../../fixes/fix';

const placeholder = /^(?:|x+|\*+|\.+|-+|_+|0+|none|null|nil|secret|pass|password|passwd|changeme|test\w*|change[-_ ]?me|todo|fixme|tbd|redacted|dummy|fake|test|testing|example|sample|placeholder|default|your[-_ ].*|<.*>|\{\{.*\}\}|\$\{.*\}|\$[A-Z_]+|%\(.*\)s|xxx.*|.*(?:changeme|change_me|placeholder|replace[-_ ]?me|your[-_]?(?:api[-_]?)?(?:key|token|secret|password)).*)$/i;
const connectionUrl = /^[a-z][a-z0-9+.-]*:\/\/([^\s:/@]+):([^\s@/]+)@[^\s/]+/i;
const jwtKeyed = new Set(['jwt.encode', 'jwt.decode', 'jose.jwt.encode', 'jose.jwt.decode']);

/** Why a literal is not a real secret: empty, a placeholder, prose, or the name of a field. */
function looksLikeRealSecret(value: string, name: string): boolean {
  if (value.length < 4 || placeholder.test(value.trim())) return false;
  if (/\s/.test(value)) return false;
  // `PASSWORD_FIELD = "password"`, `TOKEN_HEADER = "X-Auth-Token"`: the value names the secret, it is not one.
  const words = new Set(splitWords(name));
  const namesAField = /^[a-z_]+$/.test(value) || /^(?:[A-Z][a-z]*-)+[A-Z][a-z]*$/.test(value);
  if (namesAField && splitWords(value).some((word) => words.has(word) || ['password', 'token', 'secret', 'key', 'auth', 'authorization'].includes(word))) return false;
  if (/^(?:https?|file):\/\//i.test(value) && !connectionUrl.test(value)) return false;
  if (/^[./~]|^[A-Za-z]:\\/.test(value) && /[/\\]/.test(value)) return false;
  // Module paths (`http.cookies`), dotted numbers (OIDs, versions) and format strings are not secrets.
  if (/^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+$/.test(value) || /^[\d.]+$/.test(value) || /%[sd(]|\{\w*\}/.test(value)) return false;
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

function report(context: RuleContext, value: Node, name: string, what: string, fixable: boolean | string): void {
  const literal = literalString(context.model, value);
  if (literal === undefined || isTestCode(context.model, value)) return;
  const url = connectionUrl.exec(literal);
  if (url) {
    if (!looksLikeRealSecret(decodeURIComponent(safeDecode(url[2])), 'password')) return;
  } else if (!isSecretName(name) || !looksLikeRealSecret(literal, name)) return;
  let fix: Fix | undefined;
  let fixUnavailable: string | undefined;
  const variable = environmentName(name);
  if (typeof fixable === 'string') fixUnavailable = fixable;
  else if (!/^[A-Z][A-Z0-9_]*$/.test(variable)) fixUnavailable = 'no environment variable name can be derived from the name';
  else {
    const os = ensureModuleImported(context.model, 'os', value);
    if (!os) fixUnavailable = 'the name `os` is already used for something else in this file';
    else fix = unsafeFix(`Read the secret from the environment variable ${variable}`, 'the variable must be set when the program runs', [...os.edits, { start: value.startIndex, end: value.endIndex, newText: `os.environ["${variable}"]` }]);
  }
  const message = url
    ? `Connection URL with a hard-coded password ${what}. Read the URL (or its password) from the environment or a secrets manager.`
    : `Hard-coded secret ${what}. Read it from the environment or a secrets manager instead.`;
  context.report({ node: value, message, confidence: url ? 'high' : confidenceOf(literal), fix, fixUnavailable });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
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
  },
  triggers: [],
  visitors: {
    assignment(node, context) {
      const right = node.childForFieldName('right');
      if (!right || !isStringLiteral(right)) return;
      const left = node.childForFieldName('left');
      if (!left) return;
      const name = targetName(left, context);
      if (name !== undefined) report(context, right, name, `assigned to \`${left.text}\``, true);
    },
    comparison_operator(node, context) {
      // `if password == "hunter2":` checks against a password written in the code. Without a quote
      // in the comparison no operand is a string literal, and only those are reported.
      if (!nodeMentions(context, node, '"') && !nodeMentions(context, node, "'")) return;
      const operands = node.namedChildren.filter((n): n is Node => !!n && n.type !== 'comment');
      const operators = node.children.filter((n) => n && !n.isNamed).map((n) => n!.text);
      if (operands.length !== 2 || (operators[0] !== '==' && operators[0] !== '!=')) return;
      const [left, right] = operands;
      const [named, value] = literalString(context.model, right) !== undefined ? [left, right] : [right, left];
      const name = targetName(named, context);
      // Plain words compared with a secret's name are modes and schemes (`auth == "Basic"`), not secrets.
      if (/^[A-Za-z]+$/.test(literalString(context.model, value) ?? '')) return;
      if (name !== undefined && named.type !== 'string') report(context, value, name, `compared with \`${named.text}\``, 'compare against a secret from the environment in constant time: `hmac.compare_digest(value, os.environ["NAME"])`');
    },
    default_parameter(node, context) {
      const value = node.childForFieldName('value');
      if (!value || !isStringLiteral(value)) return;
      const name = node.childForFieldName('name')?.text;
      if (name) report(context, value, name, `as the default of parameter \`${name}\``, 'a default value is evaluated once, when the function is defined; read the environment inside the function instead');
    },
    typed_default_parameter(node, context) {
      const value = node.childForFieldName('value');
      if (!value || !isStringLiteral(value)) return;
      const name = node.childForFieldName('name')?.text;
      if (name) report(context, value, name, `as the default of parameter \`${name}\``, 'a default value is evaluated once, when the function is defined; read the environment inside the function instead');
    },
    keyword_argument(node, context) {
      const value = node.childForFieldName('value');
      if (!value || !isStringLiteral(value)) return;
      const name = node.childForFieldName('name')?.text;
      if (name) report(context, value, name, `passed as \`${name}=\``, true);
    },
    pair(node, context) {
      const value = node.childForFieldName('value');
      if (!value || !isStringLiteral(value)) return;
      const key = node.childForFieldName('key');
      const name = key && literalString(context.model, key);
      if (name) report(context, value, name, `stored under the key \`${name}\``, true);
    },
    call(node, context) {
      const callee = context.model.calleeName(node);
      if (callee && jwtKeyed.has(callee)) {
        const key = argumentValue(node, 1, 'key');
        if (key) report(context, key, 'jwt_secret_key', `used as the key of \`${callee}\``, true);
        return;
      }
      // Connection URLs passed straight to a call: create_engine("postgresql://u:p@h/db"). A plain
      // string literal holds `://` only if its source does.
      if (!nodeMentions(context, node, '://')) return;
      const first = argumentValue(node, 0, 'url');
      if (first?.type === 'string' && first.parent?.type !== 'keyword_argument') {
        const literal = literalString(context.model, first);
        if (literal && connectionUrl.test(literal)) report(context, first, 'database_url', `passed to \`${node.childForFieldName('function')?.text ?? 'a call'}\``, true);
      }
    },
    string(node, context) {
      // A connection URL anywhere else (list items, return values); assignments and arguments are handled above.
      if (!nodeMentions(context, node, '://')) return;
      const parent = node.parent;
      if (!parent || ['assignment', 'keyword_argument', 'pair', 'default_parameter', 'typed_default_parameter', 'argument_list', 'concatenated_string', 'expression_statement'].includes(parent.type)) return;
      const literal = literalString(context.model, node);
      if (literal && connectionUrl.test(literal)) report(context, node, 'database_url', 'in a string literal', 'the URL is not assigned to a name an environment variable could be named after');
    },
  },
};
