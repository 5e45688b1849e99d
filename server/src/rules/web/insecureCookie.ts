/**
 * ## What it does
 * Flags `set_cookie(...)` on a response (Flask, Quart, Werkzeug, Django, Starlette, FastAPI, aiohttp,
 * Bottle) that leaves out `secure=True`, `httponly=True` or `samesite`, or sets them to `False`/`None`.
 * Starlette and FastAPI send `SameSite=Lax` by default, so only `secure` and `httponly` are asked of
 * them. `samesite="None"` is a deliberate cross-site cookie and is left alone; cookies being deleted
 * (an empty value with `max_age=0` or `expires=0`) and calls passing `**options` are not reported.
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
import type { SemanticModel } from '../../semantic/model';
import { unsafeFix } from '../../fixes/fix';
import {
  argumentValue,
  calledFunction,
  constantString,
  hasSplat,
  keywordValue,
  methodName,
} from '../../semantic/calls';
import type { Rule, TextEdit } from '../../ruleApi/types';
import { appendArgument, isTestCode } from '../shared';

const frameworks = ['flask', 'quart', 'werkzeug', 'django', 'starlette', 'fastapi', 'aiohttp', 'bottle'];

/** Words of cookie names that carry a session or a credential. */
const sensitiveName = /sess|auth|token|login|remember|jwt|sid|user|csrf|xsrf|key|secret|account|identity|refresh/i;

interface Flag {
  keyword: string;
  wanted: string;
  /** True when the value written disables the flag. */
  disables: (node: Node, model: SemanticModel) => boolean;
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
function isDeletion(call: Node, model: SemanticModel): boolean {
  const value = argumentValue(call, 1, 'value');
  const empty = !value || constantString(model, value) === '';
  const expiry = keywordValue(call, 'max_age') ?? keywordValue(call, 'expires');
  return empty && !!expiry && /^0+$/.test(expiry.text);
}

function starletteStyle(model: SemanticModel): boolean {
  return [...model.importedModules].some((m) => /^(?:starlette|fastapi)(?:\.|$)/.test(m));
}

export const insecureCookie: Rule = {
  meta: {
    id: 'PSG615',
    name: 'cookie-without-secure-flags',
    title: 'Cookie without Secure, HttpOnly or SameSite',
    defaultSeverity: 'warning',
    cwe: 614,
    owasp: 'A05:2021-Security Misconfiguration',
    checklistItem: 'cookies-protected',
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
  requiresImport: frameworks,
  triggers: ['set_cookie'],
  visitors: {
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
