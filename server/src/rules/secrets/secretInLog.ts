/**
 * ## What it does
 * Flags logging calls (`logging.*`, a logger's `debug` … `critical`, `exception`, `log`) and
 * `print` whose message or arguments include a value whose name says it is a secret: a password,
 * token, API key, private key, credential, session id or cookie.
 *
 * ## Why is this bad?
 * Logs are copied to files, aggregators, tickets and screenshots, and kept for years by people
 * and systems that should never see credentials. A secret in a log is a leaked secret.
 *
 * ## Example
 * ```python
 * logger.info(f"Connecting with password: {password}")
 * ```
 *
 * ## Use instead
 * ```python
 * logger.info("Connecting to database as %s", user)
 * ```
 *
 * ## References
 * - CWE-532: Insertion of Sensitive Information into Log File
 * - OWASP Top 10 2021 A09: Security Logging and Monitoring Failures
 */
import type { Node } from '../../engine/parser';
import type { Fix, Rule, RuleContext, TextEdit } from '../types';
import { calledFunction, methodName } from '../../semantic/calls';
import { safeFix } from '../../fixes/fix';

const logMethods = new Set(['debug', 'info', 'warning', 'warn', 'error', 'critical', 'exception', 'fatal', 'log']);
const MASK = '***';

/** Words (of a snake_case or camelCase name) that make the value a secret. */
const secretWords = new Set(['password', 'passwd', 'pwd', 'passphrase', 'secret', 'token', 'apikey', 'credential', 'credentials', 'cookie', 'cookies', 'sessionid', 'bearer', 'jwt', 'privatekey', 'accesskey', 'secretkey', 'auth', 'otp']);
/** Two-word secrets: api_key, private_key, session_id, ... */
const secretPairs = new Set(['api key', 'access key', 'private key', 'secret key', 'session id', 'session key', 'client secret', 'auth token', 'refresh token', 'signing key', 'encryption key', 'pass word']);
/** A last word that turns a secret's name into something about it, not it: `password_length`, `token_type`. */
const harmlessLastWords = new Set(['length', 'len', 'type', 'types', 'count', 'min', 'max', 'size', 'field', 'fields', 'name', 'names', 'label', 'prompt', 'policy', 'required', 'enabled', 'expiry', 'expires', 'exp', 'expiration', 'ttl', 'url', 'uri', 'endpoint', 'path', 'file', 'dir', 'format', 'regex', 'pattern', 'hint', 'id', 'ids', 'changed', 'strength', 'age', 'valid', 'validator', 'rules', 'header', 'mode', 'kind', 'index', 'idx', 'version', 'error', 'errors', 'attempts', 'retries', 'timeout', 'provider', 'issuer', 'audience', 'algorithm', 'scheme', 'class', 'method', 'backend', 'manager', 'service', 'handler', 'status']);
/** A first word that makes the name a flag or a number: `has_password`, `num_tokens`. */
const harmlessFirstWords = new Set(['has', 'is', 'needs', 'need', 'use', 'uses', 'require', 'requires', 'num', 'n', 'no', 'should', 'can', 'show', 'check', 'validate', 'min', 'max', 'len', 'count', 'forgot', 'reset']);

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** `password`, `db_password`, `apiKey`, `session_id` are secrets; `password_length`, `has_password`, `token_type` are not. */
export function isSecretName(name: string): boolean {
  const words = splitWords(name);
  const n = words.length;
  if (n === 0) return false;
  const pairs = words.slice(1).map((word, i) => `${words[i]} ${word}`);
  if (n > 1 && harmlessFirstWords.has(words[0])) return false;
  if (n > 1 && harmlessLastWords.has(words[n - 1]) && !secretPairs.has(pairs[n - 2])) return false;
  return words.some((word) => secretWords.has(word)) || pairs.some((pair) => secretPairs.has(pair));
}

/** The name a value is known by: `password`, `self.api_key` → `api_key`, `data["token"]` → `token`. */
function valueName(node: Node): string | undefined {
  switch (node.type) {
    case 'identifier':
      return node.text;
    case 'attribute':
      return node.childForFieldName('attribute')?.text;
    case 'subscript': {
      const key = node.childForFieldName('subscript');
      const match = key && /^[rbuRBU]?["']([\w-]+)["']$/.exec(key.text);
      return match?.[1];
    }
    case 'call': {
      // str(password), repr(token) and .get("password") still carry the secret.
      const fn = node.childForFieldName('function');
      const first = node.childForFieldName('arguments')?.namedChildren[0];
      if (fn?.type === 'identifier' && (fn.text === 'str' || fn.text === 'repr') && first) return valueName(first);
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get' && first) {
        const match = /^[rbuRBU]?["']([\w-]+)["']$/.exec(first.text);
        return match?.[1];
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function isSecretValue(node: Node): boolean {
  const name = valueName(node);
  return name !== undefined && isSecretName(name);
}

function isLoggingCall(call: Node, context: RuleContext): boolean {
  const callee = context.model.calleeName(call);
  if (callee === 'builtins.print') return true;
  if (callee?.startsWith('logging.')) return logMethods.has(callee.slice('logging.'.length));
  const method = methodName(call);
  if (method === undefined || !logMethods.has(method)) return false;
  const object = calledFunction(call)!.childForFieldName('object')!;
  const path = context.model.resolvedPath(object);
  if (path?.startsWith('logging.getLogger') || path?.startsWith('structlog.')) return true;
  const receiverName = object.type === 'attribute' ? object.childForFieldName('attribute')?.text : object.text;
  return !!receiverName && /^(?:_*)(?:log|logger|logging|LOG|LOGGER|_log|_logger|log_|audit_log|security_log)$|logger$/i.test(receiverName);
}

interface Leak {
  node: Node;
  edit: TextEdit;
  /** A second edit some leaks need (dropping an f-string's `f`). */
  extra?: TextEdit;
}

/** Where each secret sits in one argument, with the edit that masks it. */
function leaksIn(argument: Node, context: RuleContext, quote: string): Leak[] {
  if (isSecretValue(argument)) return [{ node: argument, edit: { start: argument.startIndex, end: argument.endIndex, newText: `${quote}${MASK}${quote}` } }];
  const leaks: Leak[] = [];
  if (argument.type === 'string') {
    for (const child of argument.namedChildren) {
      if (child?.type !== 'interpolation') continue;
      const expression = child.childForFieldName('expression');
      if (expression && isSecretValue(expression)) leaks.push({ node: expression, edit: { start: child.startIndex, end: child.endIndex, newText: MASK } });
    }
    // An f-string left without interpolations loses its `f` prefix.
    const interpolations = argument.namedChildren.filter((child) => child?.type === 'interpolation').length;
    const start = argument.firstChild;
    if (leaks.length > 0 && leaks.length === interpolations && start && /f/i.test(start.text)) {
      leaks[0] = { ...leaks[0], extra: { start: start.startIndex, end: start.endIndex, newText: start.text.replace(/f/i, '') } };
    }
    return leaks;
  }
  if (argument.type === 'concatenated_string' || argument.type === 'binary_operator' || argument.type === 'parenthesized_expression') {
    for (const child of argument.namedChildren) if (child) leaks.push(...leaksIn(child, context, quote));
    return leaks;
  }
  if (argument.type === 'tuple' || argument.type === 'dictionary' || argument.type === 'pair') {
    for (const child of argument.namedChildren) {
      if (!child) continue;
      const value = child.type === 'pair' ? child.childForFieldName('value') : child;
      if (value) leaks.push(...leaksIn(value, context, quote));
    }
    return leaks;
  }
  if (argument.type === 'call') {
    const fn = argument.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
      leaks.push(...leaksIn(fn.childForFieldName('object')!, context, quote));
      for (const arg of argument.childForFieldName('arguments')?.namedChildren ?? []) {
        if (!arg) continue;
        const value = arg.type === 'keyword_argument' ? arg.childForFieldName('value') : arg;
        if (value) leaks.push(...leaksIn(value, context, quote));
      }
    }
  }
  return leaks;
}

function quoteOf(call: Node): string {
  const firstString = call.descendantsOfType('string_start')[0]?.text ?? '"';
  return firstString.includes("'") && !firstString.includes('"') ? "'" : '"';
}

export const secretInLog: Rule = {
  meta: {
    id: 'PSG201',
    name: 'secret-in-log',
    title: 'Secret written to a log',
    defaultSeverity: 'warning',
    cwe: 532,
    owasp: 'A09:2021-Security Logging and Monitoring Failures',
    checklistItem: 'logs-without-secrets',
    bandit: [],
    ruff: [],
    fixable: true,
  },
  triggers: ['log', 'print', 'LOG'],
  visitors: {
    call(call, context) {
      if (!isLoggingCall(call, context)) return;
      const quote = quoteOf(call);
      const leaks: Leak[] = [];
      for (const argument of call.childForFieldName('arguments')?.namedChildren ?? []) {
        if (!argument || argument.type === 'comment') continue;
        // exc_info=, stack_info=, extra= and friends are not what the message prints (extra is checked by value).
        if (argument.type === 'keyword_argument') {
          const name = argument.childForFieldName('name')?.text;
          const value = argument.childForFieldName('value');
          if (value && (name === 'extra' || name === 'msg' || name === 'sep')) leaks.push(...leaksIn(value, context, quote));
          continue;
        }
        if (argument.type === 'list_splat' || argument.type === 'dictionary_splat') continue;
        leaks.push(...leaksIn(argument, context, quote));
      }
      if (leaks.length === 0) return;
      const names = [...new Set(leaks.map((leak) => leak.node.text))].map((name) => `\`${name}\``).join(', ');
      const fix: Fix = safeFix('Redact the secret from the log line', leaks.flatMap((leak) => (leak.extra ? [leak.extra, leak.edit] : [leak.edit])));
      context.report({
        node: leaks[0].node,
        message: `${names} looks like a secret and is written to the log. Log that the event happened, not the secret.`,
        confidence: 'medium',
        fix,
      });
    },
  },
};
