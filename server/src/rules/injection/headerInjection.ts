/**
 * ## What it does
 * Flags untrusted data written into an HTTP response header, name or value:
 * `response.headers[name] = value` and `response.headers.add/set/setdefault/append/add_header(...)`
 * (Flask, Werkzeug, Starlette, FastAPI, aiohttp), Django `response[name] = value`,
 * `headers={...}` given to a response class or `make_response(...)`, and `self.send_header(...)` in an
 * `http.server` handler. Values converted to numbers or URL-quoted (`urllib.parse.quote`) are not
 * reported; request headers are not response headers (nor are `self.headers` of a class named for
 * a request, such as an HTTP client's `Request`).
 *
 * ## Why is this bad?
 * A value with a line break ends the header and starts another: the client can add `Set-Cookie`
 * headers, or end the headers and write its own body (HTTP response splitting, cache poisoning).
 * `http.server` writes the value as it is; Werkzeug, Django and aiohttp refuse line breaks with an
 * error, but the client still chooses what the header says (a `Content-Disposition` file name, a
 * `Link`, a `Location` that redirects anywhere, a `Content-Type`).
 *
 * ## Example
 * ```python
 * @app.route("/download")
 * def download():
 *     response = make_response(data)
 *     response.headers["Content-Disposition"] = f"attachment; filename={request.args['name']}"
 *     return response
 * ```
 *
 * ## Use instead
 * ```python
 * from urllib.parse import quote
 *
 * @app.route("/download")
 * def download():
 *     response = make_response(data)
 *     name = quote(request.args["name"])
 *     response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
 *     return response
 * ```
 * Accept only values from an allowlist where you can (`Content-Type`, `Location`). No fix is offered:
 * which encoding or allowlist is right depends on the header.
 *
 * ## References
 * - CWE-113: Improper Neutralization of CRLF Sequences in HTTP Headers ('HTTP Request/Response Splitting')
 * - CWE-644: Improper Neutralization of HTTP Headers for Scripting Syntax
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Node } from '../../parser/parser';
import type { ModelView } from '../../semantic/model';
import { argumentValue, calledFunction, keywordValue, methodName, positionalArgument } from '../../semantic/calls';
import type { Rule, RuleContext } from '../../ruleApi/types';
import { describeFlow, flowSteps, judgeTaint, sinkLabelOf, type TaintVerdict } from '../shared';
import { handlerRequestVerdict } from '../web/httpServerHandler';
import { assignedTarget } from '../../semantic/assignments';

const headerMethods = new Set(['add', 'set', 'setdefault', 'append', 'add_header', '__setitem__']);

/** Response constructors that take `headers=` (and `make_response`, whose headers may be its third argument). */
const responseClasses = new Set([
  'flask.Response',
  'flask.make_response',
  'quart.Response',
  'quart.make_response',
  'werkzeug.wrappers.Response',
  'werkzeug.Response',
  'django.http.HttpResponse',
  'django.http.response.HttpResponse',
  'django.http.JsonResponse',
  'django.http.FileResponse',
  'django.http.StreamingHttpResponse',
  'starlette.responses.Response',
  'starlette.responses.HTMLResponse',
  'starlette.responses.PlainTextResponse',
  'starlette.responses.JSONResponse',
  'starlette.responses.FileResponse',
  'starlette.responses.StreamingResponse',
  'fastapi.Response',
  'fastapi.responses.Response',
  'fastapi.responses.HTMLResponse',
  'fastapi.responses.PlainTextResponse',
  'fastapi.responses.JSONResponse',
  'fastapi.responses.FileResponse',
  'fastapi.responses.StreamingResponse',
  'aiohttp.web.Response',
  'aiohttp.web.FileResponse',
  'aiohttp.web.StreamResponse',
]);

/** The name of the class whose method holds `node`. */
function enclosingClassName(node: Node): string | undefined {
  for (let current = node.parent; current; current = current.parent)
    if (current.type === 'class_definition') return current.childForFieldName('name')?.text;
  return undefined;
}

/** True for `something.headers` where `something` is not the request (whose headers the client sent). */
function isResponseHeaders(model: ModelView, node: Node | null | undefined): boolean {
  if (node?.type !== 'attribute' || node.childForFieldName('attribute')?.text !== 'headers') return false;
  const owner = node.childForFieldName('object');
  if (!owner) return false;
  if (/(?:^|\.)(?:request|req|self\.request|environ)$/.test(owner.text)) return false;
  // `self.headers` of a class that is a request (urllib's `Request`, a client's `PreparedRequest`) are what it sends.
  if (owner.text === 'self' && /Request$/.test(enclosingClassName(node) ?? '')) return false;
  const path = model.resolvedPath(owner) ?? '';
  if (/^(?:flask|quart|werkzeug\.local|bottle)\.request$/.test(path)) return false;
  // Outgoing requests and sessions of HTTP clients carry request headers.
  if (/^(?:requests|httpx|urllib|urllib3|aiohttp\.ClientSession|http\.client)\b/.test(path)) return false;
  return true;
}

/** Django responses are written to with `response["Header"] = value`. */
function isDjangoResponse(model: ModelView, node: Node | null | undefined): boolean {
  const path = model.resolvedPath(node) ?? '';
  return /^django\.(?:http|shortcuts)\.(?:\w+\.)?(?:\w*Response\w*|render|redirect)\(\)$/.test(path);
}

/** `self.send_header(...)` inside a class deriving from an `http.server` handler. */
function isHandlerSendHeader(call: Node): boolean {
  if (methodName(call) !== 'send_header') return false;
  return calledFunction(call)!.childForFieldName('object')?.text === 'self';
}

/** Tainted data in `node`; in an `http.server` handler also what it reads of the request. */
function verdictOf(context: RuleContext, node: Node | undefined, raw: boolean): TaintVerdict | undefined {
  if (!node) return undefined;
  const verdict = judgeTaint(context, 'header', [node], { reportUnknown: !raw ? false : undefined });
  if (!verdict) return undefined;
  if (verdict.taint.level === 'tainted') return verdict;
  return raw ? handlerRequestVerdict(context.model, node, verdict) : undefined;
}

function check(
  context: RuleContext,
  name: Node | undefined,
  value: Node | undefined,
  at: Node,
  raw: boolean,
  label: string,
): void {
  for (const [verdict, what] of [
    [verdictOf(context, name, raw), 'name'],
    [verdictOf(context, value, raw), 'value'],
  ] as const) {
    if (!verdict) continue;
    const headerName = name ? context.model.stringShape(name).template('…') : '';
    const location = /^location$/i.test(headerName) ? ' It is also a redirect to wherever the client chooses.' : '';
    const consequence = raw
      ? "a line break in it adds headers or a body of the client's choosing (response splitting)"
      : 'the client chooses what the header says (line breaks are refused by the framework, the rest is not)';
    context.report({
      node: verdict.culprit,
      message: `${describeFlow(verdict, label)} as a header ${what}: ${consequence}. Accept only known values, or encode the value (\`urllib.parse.quote\`).${location}`,
      confidence: verdict.confidence,
      severity: verdict.severity,
      flow: flowSteps(verdict, at, label),
    });
  }
}

/** The pairs of a dict literal given as `headers=`. */
function checkHeaderDict(context: RuleContext, headers: Node | undefined, at: Node): void {
  if (headers?.type !== 'dictionary') return;
  for (const pair of headers.namedChildren) {
    if (pair?.type !== 'pair') continue;
    check(
      context,
      pair.childForFieldName('key') ?? undefined,
      pair.childForFieldName('value') ?? undefined,
      at,
      false,
      'headers=',
    );
  }
}

export const headerInjection: Rule = {
  meta: {
    id: 'PSG133',
    name: 'http-header-injection',
    title: 'Untrusted data in an HTTP response header',
    defaultSeverity: 'warning',
    cwe: 113,
    owasp: 'A03:2021-Injection',
    checklistItem: 'html-escaped',
    bandit: [],
    ruff: [],
    fixable: false,
  },
  triggers: ['header', 'Response', 'make_response', 'response['],
  visitors: {
    assignment(assignment, context) {
      const left = assignedTarget(assignment);
      if (left?.type !== 'subscript') return;
      const target = left.childForFieldName('value');
      if (!isResponseHeaders(context.model, target) && !isDjangoResponse(context.model, target)) return;
      check(
        context,
        left.childForFieldName('subscript') ?? undefined,
        assignment.childForFieldName('right') ?? undefined,
        assignment,
        false,
        left.text.length > 48 ? `${left.text.slice(0, 45)}...` : left.text,
      );
    },
    call(call, context) {
      const method = methodName(call);
      if (
        method &&
        headerMethods.has(method) &&
        isResponseHeaders(context.model, calledFunction(call)!.childForFieldName('object'))
      ) {
        check(context, positionalArgument(call, 0), positionalArgument(call, 1), call, false, sinkLabelOf(call));
        return;
      }
      if (isHandlerSendHeader(call)) {
        check(
          context,
          argumentValue(call, 0, 'keyword'),
          argumentValue(call, 1, 'value'),
          call,
          true,
          sinkLabelOf(call),
        );
        return;
      }
      const callee = context.model.calleeName(call);
      if (!callee || !responseClasses.has(callee)) return;
      const headers = /make_response$/.test(callee)
        ? (keywordValue(call, 'headers') ?? positionalArgument(call, 2))
        : keywordValue(call, 'headers');
      checkHeaderDict(context, headers, call);
    },
  },
};
