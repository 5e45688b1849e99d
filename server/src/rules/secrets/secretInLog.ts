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
import type { Node } from '../../parser/parser';
import type { Fix, Rule, RuleContext, TextEdit } from '../../ruleApi/types';
import { calledFunction, methodName } from '../../semantic/calls';
import { safeFix } from '../../fixes/fix';

const logMethods = new Set(['debug', 'info', 'warning', 'warn', 'error', 'critical', 'exception', 'fatal', 'log']);
const MASK = '***';

/** Words (of a snake_case or camelCase name) that make the value a secret. */
const secretWords = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'cookie',
  'cookies',
  'sessionid',
  'bearer',
  'jwt',
  'privatekey',
  'accesskey',
  'secretkey',
  'auth',
  'otp',
]);
/** Two-word secrets: api_key, private_key, session_id, ... */
const secretPairs = new Set([
  'api key',
  'access key',
  'private key',
  'secret key',
  'session id',
  'session key',
  'client secret',
  'auth token',
  'refresh token',
  'signing key',
  'encryption key',
  'pass word',
]);
/** A last word that turns a secret's name into something about it, not it: `password_length`, `token_type`. */
const harmlessLastWords = new Set([
  'length',
  'len',
  'type',
  'types',
  'count',
  'min',
  'max',
  'size',
  'field',
  'fields',
  'name',
  'names',
  'label',
  'prompt',
  'policy',
  'required',
  'enabled',
  'expiry',
  'expires',
  'exp',
  'expiration',
  'ttl',
  'url',
  'uri',
  'endpoint',
  'path',
  'file',
  'dir',
  'format',
  'regex',
  'pattern',
  'hint',
  'id',
  'ids',
  'changed',
  'strength',
  'age',
  'valid',
  'validator',
  'rules',
  'header',
  'mode',
  'kind',
  'index',
  'idx',
  'version',
  'error',
  'errors',
  'attempts',
  'retries',
  'timeout',
  'provider',
  'issuer',
  'audience',
  'algorithm',
  'scheme',
  'class',
  'method',
  'backend',
  'manager',
  'service',
  'handler',
  'status',
  'range',
  'ranges',
  'span',
  'spans',
  'start',
  'end',
  'pos',
  'position',
  'offset',
  'lineno',
  'col',
  'column',
  'location',
  'loc',
]);
/** A first word that makes the name a flag or a number: `has_password`, `num_tokens`. */
const harmlessFirstWords = new Set([
  'has',
  'is',
  'needs',
  'need',
  'use',
  'uses',
  'require',
  'requires',
  'num',
  'n',
  'no',
  'should',
  'can',
  'show',
  'check',
  'validate',
  'min',
  'max',
  'len',
  'count',
  'forgot',
  'reset',
]);

/**
 * Words that make a `token` a credential wherever it appears: `access_token`, `csrf_token`,
 * `api_tokens`. Without one, a `token` may be a lexer's token (CPython's tokenize, a parser).
 */
const credentialTokenWords = new Set([
  'access',
  'refresh',
  'auth',
  'authorization',
  'session',
  'bearer',
  'api',
  'apikey',
  'id',
  'oauth',
  'oauth2',
  'jwt',
  'csrf',
  'xsrf',
  'reset',
  'verification',
  'verify',
  'confirm',
  'confirmation',
  'invite',
  'magic',
  'login',
  'device',
  'push',
  'personal',
  'pat',
  'github',
  'gh',
  'gitlab',
  'slack',
  'discord',
  'telegram',
  'bot',
  'client',
  'secret',
  'security',
  'signing',
  'user',
  'admin',
  'service',
  'app',
  'webhook',
  'registration',
  'otp',
  'sso',
  'saml',
  'hf',
  'huggingface',
  'npm',
  'pypi',
  'twine',
  'aws',
  'gcp',
  'azure',
  'sas',
  'stripe',
  'cloud',
]);
/**
 * Words of an iterable or a callee that hand out a lexer's tokens: `tokenize.generate_tokens(...)`, `tokens`, `lexer`,
 * `next_token()`.
 */
const lexicalSourceWords = new Set([
  'tokens',
  'toks',
  'tokenize',
  'tokenise',
  'tokenizer',
  'tokeniser',
  'tokenized',
  'lexer',
  'lex',
  'lexemes',
  'scanner',
  'shlex',
  'tokgen',
  'readline',
  'parser',
]);
/** First words of a lexer's token variable: `next_token`, `peek_token`, `cur_tok`. */
const lexicalFirstWords = new Set([
  'next',
  'peek',
  'prev',
  'previous',
  'cur',
  'current',
  'last',
  'first',
  'lookahead',
  'la',
  'consume',
  'expect',
  'expected',
  'advance',
  'eat',
  'pushback',
  'start',
  'end',
  'open',
  'close',
  'closing',
  'opening',
  'op',
  'sub',
  'word',
]);
/** Modules of the standard library and parsing libraries that hand out a lexer's tokens (by first dotted name). */
const lexerModules = new Set([
  'tokenize',
  'token',
  'lib2to3',
  'blib2to3',
  'pgen',
  'ply',
  'sly',
  'pygments',
  'lark',
  'parso',
  'pyparsing',
  'shlex',
  'libcst',
  'asttokens',
]);
/** Files that define a lexer, tokenizer, scanner or parser of their own. */
const lexerDefinitions =
  /^[ \t]*class[ \t]+\w*(?:Lexer|Tokeni[sz]er|Scanner|Parser)\b|^[ \t]*def[ \t]+(?:\w+_)?(?:tokeni[sz]e|lex|next_token|scan_token|read_token|peek_token)[ \t]*\(/m;

/** Whether the file works with a lexer's tokens: it imports a tokenizer module (the model knows its imports) or defines a lexer. */
function worksWithLexer(context: RuleContext): boolean {
  for (const module of context.model.importedModules) if (lexerModules.has(module.split('.')[0])) return true;
  return context.textMatches(lexerDefinitions);
}

export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * `password`, `db_password`, `apiKey`, `session_id` are secrets; `password_length`, `has_password`, `token_type` are
 * not.
 */
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

/**
 * A name that is a secret only because it says `token`, with nothing that makes it a credential:
 * `token`, `next_token`, `tok_value` (but not `access_token`, `csrf_token`, `token_secret`).
 */
function isBareTokenName(name: string): boolean {
  const words = splitWords(name);
  if (!words.some((word) => word === 'token' || word === 'tok')) return false;
  if (words.some((word) => credentialTokenWords.has(word))) return false;
  // Another secret word or pair (`token_password`, `private_key_token`) keeps it a secret.
  const pairs = words.slice(1).map((word, i) => `${words[i]} ${word}`);
  return (
    !words.some((word) => word !== 'token' && secretWords.has(word)) && !pairs.some((pair) => secretPairs.has(pair))
  );
}

/** Whether the expression's words say it hands out a lexer's tokens (and no credential). */
function isLexicalSource(node: Node): boolean {
  const words = splitWords(node.text);
  if (words.some((word) => credentialTokenWords.has(word))) return false;
  if (words.some((word) => lexicalSourceWords.has(word))) return true;
  // next(it) over something named for tokens was caught above; `self.next_token()`, `peek_token()` name the lexer's
  // step.
  return words.some((word, i) => word === 'token' && i > 0 && lexicalFirstWords.has(words[i - 1]));
}

/**
 * A `token` of a lexer, not a credential: the name says nothing more than `token` and either the
 * file works with a tokenizer, lexer or parser, or the name's value comes from a lexer (a loop over
 * `tokenize.generate_tokens(...)` or `tokens`, `next(tokens)`, `self.next_token()`).
 */
function isLexicalToken(node: Node, name: string, context: RuleContext): boolean {
  if (!isBareTokenName(name)) return false;
  const words = splitWords(name);
  if (words.length > 1 && lexicalFirstWords.has(words[0])) return true;
  if (worksWithLexer(context)) return true;
  if (node.type !== 'identifier') return false;
  const bindings = context.model.reachingBindings(node.text, node);
  return (
    bindings.length > 0 &&
    bindings.every((binding) => {
      if (binding.kind === 'parameter') return false;
      const value = 'value' in binding ? binding.value : undefined;
      return !!value && isLexicalSource(value);
    })
  );
}

function isSecretValue(node: Node, context: RuleContext): boolean {
  const name = valueName(node);
  if (name === undefined || !isSecretName(name)) return false;
  const named = node.type === 'call' ? (node.childForFieldName('arguments')?.namedChildren[0] ?? node) : node;
  return !isLexicalToken(named, name, context);
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
  return (
    !!receiverName &&
    /^(?:_*)(?:log|logger|logging|LOG|LOGGER|_log|_logger|log_|audit_log|security_log)$|logger$/i.test(receiverName)
  );
}

interface Leak {
  node: Node;
  edit: TextEdit;
  /** Edits some leaks need besides (dropping an f-string's `f` and undoubling its `{{` and `}}`). */
  extra?: TextEdit[];
}

/** Where each secret sits in one argument, with the edit that masks it. */
function leaksIn(argument: Node, context: RuleContext, quote: string): Leak[] {
  if (isSecretValue(argument, context))
    return [
      {
        node: argument,
        edit: { start: argument.startIndex, end: argument.endIndex, newText: `${quote}${MASK}${quote}` },
      },
    ];
  const leaks: Leak[] = [];
  if (argument.type === 'string') {
    const interpolations = argument.namedChildren.filter((child) => child?.type === 'interpolation').length;
    const start = argument.firstChild;
    const staysFString =
      !(start && /f/i.test(start.text)) ||
      argument.namedChildren.some((child) => child?.type === 'interpolation' && !isSecretInterpolation(child, context));
    for (const child of argument.namedChildren) {
      if (child?.type !== 'interpolation' || !isSecretInterpolation(child, context)) continue;
      const expression = child.childForFieldName('expression')!;
      leaks.push({
        node: expression,
        edit: { start: child.startIndex, end: child.endIndex, newText: debugLabel(child, staysFString) + MASK },
      });
    }
    // An f-string left without interpolations loses its `f` prefix, and its `{{` and `}}` become the `{` and `}` they
    // printed.
    if (leaks.length > 0 && leaks.length === interpolations && start && /f/i.test(start.text)) {
      const undoubled: TextEdit[] = [];
      for (const content of argument.namedChildren) {
        if (content?.type !== 'string_content') continue;
        for (const escape of content.namedChildren) {
          if (escape?.type === 'escape_interpolation')
            undoubled.push({ start: escape.startIndex, end: escape.endIndex, newText: escape.text.slice(0, 1) });
        }
      }
      leaks[0] = {
        ...leaks[0],
        extra: [{ start: start.startIndex, end: start.endIndex, newText: start.text.replace(/f/i, '') }, ...undoubled],
      };
    }
    return leaks;
  }
  if (
    argument.type === 'concatenated_string' ||
    argument.type === 'binary_operator' ||
    argument.type === 'parenthesized_expression'
  ) {
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

function isSecretInterpolation(interpolation: Node, context: RuleContext): boolean {
  const expression = interpolation.childForFieldName('expression');
  return !!expression && isSecretValue(expression, context);
}

/**
 * What a self-documenting `{password=}` prints before the value (`password=`), kept in front of the
 * mask; with its braces doubled when the string stays an f-string.
 */
function debugLabel(interpolation: Node, staysFString: boolean): string {
  const children = interpolation.children;
  const at = children.findIndex((child) => child?.type === '=');
  if (at < 0) return '';
  // Python prints the text from after `{` through `=` and the spaces after it: `{ password = }` → ` password = `.
  const next = children[at + 1];
  const end = next ? next.startIndex : interpolation.endIndex - 1;
  const label = interpolation.text.slice(1, end - interpolation.startIndex);
  return staysFString ? label.replace(/[{}]/g, '$&$&') : label;
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
    fixes: [
      {
        title: 'Redact the secret from the log line',
        applicability: 'safe',
        why: "Only the secret's value in the log message becomes ***; the rest of the message, its arguments and laziness stay.",
      },
    ],
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
          if (value && (name === 'extra' || name === 'msg' || name === 'sep'))
            leaks.push(...leaksIn(value, context, quote));
          continue;
        }
        if (argument.type === 'list_splat' || argument.type === 'dictionary_splat') continue;
        leaks.push(...leaksIn(argument, context, quote));
      }
      if (leaks.length === 0) return;
      const names = [...new Set(leaks.map((leak) => leak.node.text))].map((name) => `\`${name}\``).join(', ');
      const fix: Fix = safeFix(
        'Redact the secret from the log line',
        leaks.flatMap((leak) => [...(leak.extra ?? []), leak.edit]),
      );
      context.report({
        node: leaks[0].node,
        message: `${names} looks like a secret and is written to the log. Log that the event happened, not the secret.`,
        confidence: 'medium',
        fix,
      });
    },
  },
};
