/**
 * ## What it does
 * Flags `set_cookie(...)` on a response (Flask, Quart, Werkzeug, Django, Starlette, FastAPI, aiohttp,
 * Bottle) that leaves out `secure=True`, `httponly=True` or `samesite`, or sets them to `False`/`None`.
 * Starlette and FastAPI send `SameSite=Lax` by default, so only `secure` and `httponly` are asked of
 * them. `samesite="None"` is a deliberate cross-site cookie and is left alone; cookies being deleted
 * (an empty value with `max_age=0` or `expires=0`) and calls passing `**options` are not reported.
 * Cookies of the standard library's `http.cookies` (a `SimpleCookie()` jar, as CGI scripts and WSGI
 * apps use it) are reported where a value is set (`cookie["sid"] = token`) when the jar is written out
 * (`cookie.output()`, `print(cookie)`, `cookie["sid"].OutputString()`) and the morsel's `"secure"`,
 * `"httponly"` or `"samesite"` attribute is never set in that function.
 *
 * ## Why is this bad?
 * Without `Secure` the browser also sends the cookie over plain HTTP, where anyone on the network
 * reads it. Without `HttpOnly` any script on the page (an XSS payload, a compromised third-party
 * script) reads it and sends it away. Without `SameSite` the browser attaches it to requests other
 * sites make, which is what cross-site request forgery needs.
 *
 * ## Example
 * ```python
 * response.set_cookie("session_token", token)
 * ```
 *
 * ## Use instead
 * ```python
 * response.set_cookie("session_token", token, secure=True, httponly=True, samesite="Lax")
 *
 * cookie = SimpleCookie()
 * cookie["sid"] = token
 * cookie["sid"]["secure"] = True
 * cookie["sid"]["httponly"] = True
 * cookie["sid"]["samesite"] = "Lax"
 * ```
 * A cookie that front-end code must read (a theme, a CSRF token sent back in a header) may leave out
 * `httponly`; say so with a suppression comment.
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
import {
  argumentsOf,
  argumentValue,
  calledFunction,
  constantString,
  hasSplat,
  keywordValue,
  methodName,
} from '../../semantic/calls';
import { indentationAt, lineBreak, ownLineStatement } from '../../fixes/python';
import type { Rule, RuleContext, TextEdit } from '../../ruleApi/types';
import { appendArgument } from '../../fixes/callEdits';
import { cookieProtection } from './cookies';
import { isTestCode } from '../shared';

const frameworks = ['flask', 'quart', 'werkzeug', 'django', 'starlette', 'fastapi', 'aiohttp', 'bottle'];

/** Words of cookie names that carry a session or a credential. */
const sensitiveName = /sess|auth|token|login|remember|jwt|sid|user|csrf|xsrf|key|secret|account|identity|refresh/i;

interface Flag {
  keyword: string;
  wanted: string;
  /** True when the value written disables the flag. */
  disables: (node: Node, model: ModelView) => boolean;
}

const flags: readonly Flag[] = [
  { keyword: 'secure', wanted: 'True', disables: (node) => node.type === 'false' || node.type === 'none' },
  { keyword: 'httponly', wanted: 'True', disables: (node) => node.type === 'false' || node.type === 'none' },
  {
    keyword: 'samesite',
    wanted: '"Lax"',
    disables: (node, model) => node.type === 'none' || node.type === 'false' || constantString(model, node) === '',
  },
];

/** A cookie being removed: an empty value that expires at once. */
function isDeletion(call: Node, model: ModelView): boolean {
  const value = argumentValue(call, 1, 'value');
  const empty = !value || constantString(model, value) === '';
  const expiry = keywordValue(call, 'max_age') ?? keywordValue(call, 'expires');
  return empty && !!expiry && /^0+$/.test(expiry.text);
}

function starletteStyle(model: ModelView): boolean {
  return [...model.importedModules].some((m) => /^(?:starlette|fastapi)(?:\.|$)/.test(m));
}

/** Cookie jars of the standard library (`Cookie` is its Python 2 name). */
const cookieJars = /^(?:http\.cookies|Cookie)\.(?:SimpleCookie|BaseCookie|SmartCookie)$/;
/** What writes a jar or a morsel out as `Set-Cookie` headers. */
const outputMethods: ReadonlySet<string> = new Set(['output', 'js_output', 'OutputString']);

/** A cookie set in a jar: `jar[key] = value`, and the attributes its morsel is given in the same scope. */
interface MorselCookie {
  key: Node;
  assignment: Node;
  value: Node;
  attributes: Map<string, Node>;
}

/** Statements' nodes of a scope (a function body or the module), not of functions or classes nested in it. */
function nodesOfScope(scope: Node, visit: (node: Node) => void): void {
  for (const child of scope.namedChildren) {
    if (!child) continue;
    if (child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'lambda') continue;
    if (child.type === 'decorated_definition') continue;
    visit(child);
    nodesOfScope(child, visit);
  }
}

/** `name` as an identifier, or undefined. */
function identifierText(node: Node | null | undefined): string | undefined {
  return node?.type === 'identifier' ? node.text : undefined;
}

/**
 * The cookies set in `jar` within `scope` with their attributes, when the jar (or one of its morsels) is written out
 * there; undefined when it is not (a jar parsed from the request is read, not sent).
 */
function morselCookies(model: ModelView, scope: Node, jar: string): MorselCookie[] | undefined {
  const cookies = new Map<string, MorselCookie>();
  /** Names bound to one morsel: `m = jar["sid"]`. */
  const aliases = new Map<string, string>();
  let written = false;
  /** The cookie a `jar[key]` or an alias of its morsel names. */
  const cookieOf = (node: Node | null | undefined): MorselCookie | undefined => {
    if (node?.type === 'identifier') {
      const key = aliases.get(node.text);
      return key !== undefined ? cookies.get(key) : undefined;
    }
    if (node?.type !== 'subscript' || identifierText(node.childForFieldName('value')) !== jar) return undefined;
    return cookies.get(node.childForFieldName('subscript')?.text ?? '');
  };
  const setAttribute = (cookie: MorselCookie | undefined, name: string | undefined, value: Node) => {
    if (cookie && name) cookie.attributes.set(name.toLowerCase(), value);
  };
  nodesOfScope(scope, (node) => {
    if (node.type === 'assignment') {
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (!left || !right) return;
      if (left.type === 'subscript' && identifierText(left.childForFieldName('value')) === jar) {
        const key = left.childForFieldName('subscript');
        if (key && !cookies.has(key.text))
          cookies.set(key.text, { key, assignment: node, value: right, attributes: new Map() });
      } else if (left.type === 'subscript') {
        setAttribute(
          cookieOf(left.childForFieldName('value')),
          constantString(model, left.childForFieldName('subscript') ?? undefined),
          right,
        );
      } else if (left.type === 'identifier' && right.type === 'subscript' && cookieOf(right)) {
        aliases.set(left.text, right.childForFieldName('subscript')!.text);
      }
      return;
    }
    if (node.type !== 'call') return;
    const fn = calledFunction(node);
    const method = methodName(node);
    const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    if (method && outputMethods.has(method) && (identifierText(receiver) === jar || cookieOf(receiver))) written = true;
    // `print(cookie)` writes the headers of a CGI script; `str(cookie)` is what `output()` returns.
    const callee = model.calleeName(node);
    if (
      (callee === 'builtins.print' || callee === 'builtins.str') &&
      argumentsOf(node).some((argument) => identifierText(argument) === jar)
    )
      written = true;
    if (method === 'update' && receiver) {
      const cookie = cookieOf(receiver);
      const values = argumentsOf(node)[0];
      if (cookie && values?.type === 'dictionary')
        for (const pair of values.namedChildren)
          if (pair?.type === 'pair')
            setAttribute(
              cookie,
              constantString(model, pair.childForFieldName('key') ?? undefined),
              pair.childForFieldName('value')!,
            );
    }
  });
  return written ? [...cookies.values()] : undefined;
}

/** Reports the cookies of `http.cookies` jars written out without their flags. */
function checkCookieJars(context: RuleContext): void {
  const model = context.model;
  if (![...model.importedModules].some((m) => m === 'http.cookies' || m === 'Cookie')) return;
  const jars: { name: string; scope: Node; at: Node }[] = [];
  const walk = (node: Node) => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'assignment') {
        const name = identifierText(child.childForFieldName('left'));
        const right = child.childForFieldName('right');
        if (name && right?.type === 'call' && cookieJars.test(model.calleeName(right) ?? ''))
          jars.push({
            name,
            scope: model.enclosingFunction(child)?.childForFieldName('body') ?? model.root,
            at: child,
          });
      }
      walk(child);
    }
  };
  walk(model.root);
  const seen = new Set<string>();
  for (const jar of jars) {
    const scopeKey = `${jar.scope.id}:${jar.name}`;
    if (seen.has(scopeKey) || isTestCode(model, jar.at)) continue;
    seen.add(scopeKey);
    for (const cookie of morselCookies(model, jar.scope, jar.name) ?? []) reportMorsel(context, jar.name, cookie);
  }
}

function reportMorsel(context: RuleContext, jar: string, cookie: MorselCookie): void {
  const model = context.model;
  const name = constantString(model, cookie.key);
  // A cookie being removed: an empty value that expires at once.
  const expiry = cookie.attributes.get('max-age') ?? cookie.attributes.get('expires');
  if (constantString(model, cookie.value) === '' && expiry && /^["']?0+["']?$/.test(expiry.text)) return;
  const missing: string[] = [];
  const edits: TextEdit[] = [];
  const added: string[] = [];
  for (const flag of flags) {
    if (flag.keyword === 'httponly' && /csrf|xsrf/i.test(name ?? '')) continue;
    const value = cookie.attributes.get(flag.keyword);
    if (value && !flag.disables(value, model)) continue;
    missing.push(flag.keyword);
    if (value) edits.push({ start: value.startIndex, end: value.endIndex, newText: flag.wanted });
    else added.push(`${jar}[${cookie.key.text}]["${flag.keyword}"] = ${flag.wanted}`);
  }
  if (missing.length === 0) return;
  const shown = missing.map((flag) => ({ secure: 'Secure', httponly: 'HttpOnly', samesite: 'SameSite' })[flag]);
  let fixUnavailable: string | undefined;
  if (added.length) {
    const read = (start: number, end: number) => context.textOf(start, end);
    const statement = ownLineStatement(cookie.assignment, read);
    // The key is written again on each new line: only a name or a literal reads the same twice.
    if (!statement) fixUnavailable = 'the cookie is set on a line shared with other statements';
    else if (!['string', 'identifier', 'attribute'].includes(cookie.key.type))
      fixUnavailable = 'the cookie name is computed, and the fix would have to compute it again';
    else {
      const eol = lineBreak(read);
      const indent = indentationAt(read, statement.startIndex);
      edits.push({
        start: statement.endIndex,
        end: statement.endIndex,
        newText: added.map((line) => `${eol}${indent}${line}`).join(''),
      });
    }
  }
  const named = name !== undefined ? `The cookie \`${name}\`` : 'This cookie';
  context.report({
    node: cookie.assignment,
    message: `${named} is written out without ${shown.join(', ')}: ${[
      missing.includes('secure') ? 'it is also sent over plain HTTP' : '',
      missing.includes('httponly') ? 'scripts on the page can read it' : '',
      missing.includes('samesite') ? 'other sites can make the browser send it' : '',
    ]
      .filter(Boolean)
      .join('; ')}. Set ${missing
      .map((flag) => `\`${jar}[${cookie.key.text}]["${flag}"] = ${flags.find((f) => f.keyword === flag)!.wanted}\``)
      .join(', ')}.`,
    confidence: name !== undefined && sensitiveName.test(name) ? 'high' : 'medium',
    fix: fixUnavailable
      ? undefined
      : unsafeFix(`Set ${shown.join(', ')} on the cookie`, 'the browser treats the cookie differently', edits),
    fixUnavailable,
  });
}

export const insecureCookie: Rule = {
  meta: {
    id: 'PSG615',
    name: 'cookie-without-secure-flags',
    title: 'Cookie without Secure, HttpOnly or SameSite',
    ...cookieProtection,
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Set <flags> on the cookie',
        applicability: 'unsafe',
        why: 'Secure: the browser no longer sends the cookie over plain HTTP (a site served over HTTP loses it). HttpOnly: scripts on the page can no longer read it. SameSite=Lax: it is no longer sent with cross-site POST requests or embedded requests.',
      },
    ],
  },
  requiresImport: [...frameworks, 'http.cookies', 'Cookie'],
  triggers: ['set_cookie', 'Cookie'],
  visitors: {
    // Runs again on every edit (the module holds every change), so reading the whole tree stays current.
    module(_module, context) {
      checkCookieJars(context);
    },
    call(call, context) {
      if (methodName(call) !== 'set_cookie' || hasSplat(call)) return;
      const receiver = calledFunction(call)!.childForFieldName('object');
      if (!receiver || /(?:^|\.)request$/.test(receiver.text)) return;
      const model = context.model;
      if (isDeletion(call, model) || isTestCode(model, call)) return;
      const samesite = keywordValue(call, 'samesite');
      const name = constantString(model, argumentValue(call, 0, 'key') ?? argumentValue(call, 0, 'name'));
      const missing: string[] = [];
      const edits: TextEdit[] = [];
      const appended: string[] = [];
      for (const flag of flags) {
        if (flag.keyword === 'samesite' && !samesite && starletteStyle(model)) continue;
        // A CSRF token cookie is read by the page's own scripts to send it back in a header.
        if (flag.keyword === 'httponly' && /csrf|xsrf/i.test(name ?? '')) continue;
        const value = keywordValue(call, flag.keyword);
        if (value && !flag.disables(value, model)) continue;
        missing.push(flag.keyword);
        if (value) edits.push({ start: value.startIndex, end: value.endIndex, newText: flag.wanted });
        else appended.push(`${flag.keyword}=${flag.wanted}`);
      }
      if (missing.length === 0) return;
      const append = appended.length ? appendArgument(call, appended.join(', ')) : undefined;
      const fixable = appended.length === 0 || !!append;
      if (append) edits.push(append);
      const named = name !== undefined ? `The cookie \`${name}\`` : 'This cookie';
      const shown = missing.map((flag) => ({ secure: 'Secure', httponly: 'HttpOnly', samesite: 'SameSite' })[flag]);
      context.report({
        node: call,
        message: `${named} is set without ${shown.join(', ')}: ${[
          missing.includes('secure') ? 'it is also sent over plain HTTP' : '',
          missing.includes('httponly') ? 'scripts on the page can read it' : '',
          missing.includes('samesite') ? 'other sites can make the browser send it' : '',
        ]
          .filter(Boolean)
          .join(
            '; ',
          )}. Set ${missing.map((flag) => `\`${flag}=${flags.find((f) => f.keyword === flag)!.wanted}\``).join(', ')}.`,
        confidence: name !== undefined && sensitiveName.test(name) ? 'high' : 'medium',
        fix: fixable
          ? unsafeFix(`Set ${shown.join(', ')} on the cookie`, `the browser treats the cookie differently`, edits)
          : undefined,
        fixUnavailable: fixable ? undefined : 'the arguments end in a comment the fix would have to move',
      });
    },
  },
};
