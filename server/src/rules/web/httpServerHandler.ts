import type { Node } from '../../parser/parser';
import type { ModelView } from '../../semantic/model';
import { methodName } from '../../semantic/calls';
import type { TaintVerdict } from '../shared';

/** What an `http.server` request handler holds of the request: the client's request line, headers and body. */
const handlerRequest = /^self\.(?:path|headers|requestline|rfile)\b/;

/** Tells the expressions that are the request itself (`self.path`, a WSGI app's `environ`). */
export type RequestMatcher = (node: Node) => boolean;

const isHandlerRequest: RequestMatcher = (node) => handlerRequest.test(node.text.replace(/\s/g, ''));

/** Methods whose result is built from their receiver and arguments (text and containers of it). */
const passing: ReadonlySet<string> = new Set([
  'get',
  'decode',
  'encode',
  'strip',
  'lstrip',
  'rstrip',
  'split',
  'rsplit',
  'partition',
  'lower',
  'upper',
  'replace',
  'format',
  'join',
  'getheader',
  'get_all',
  'getvalue',
  'getfirst',
  'read',
  'readline',
]);
/** Functions that take the request line, the body or the WSGI environment apart. */
const parsers =
  /^(?:urllib\.parse\.(?:parse_qs|parse_qsl|urlparse|urlsplit|unquote|unquote_plus)|wsgiref\.util\.(?:request_uri|shift_path_info)|cgi\.FieldStorage|werkzeug\.(?:wrappers\.)?Request|webob\.Request)$/;

/**
 * The read of the request (`self.path`, `self.rfile.read(...)`) a value is built from, through names assigned in the
 * handler (`params = parse_qs(urlparse(self.path).query)`, `msg = params["m"][0]`), string methods and the
 * `urllib.parse` functions. Other calls end the search: what `self.guess_type(path)` or `os.fstat(f)` return is not
 * the request.
 */
function requestPart(model: ModelView, node: Node, isRequest: RequestMatcher, depth: number): Node | undefined {
  if (depth > 24) return undefined;
  if (isRequest(node)) return node;
  const next = (child: Node | null | undefined) =>
    child ? requestPart(model, child, isRequest, depth + 1) : undefined;
  switch (node.type) {
    case 'identifier': {
      const value = model.assignedValue(node);
      return value ? next(value) : undefined;
    }
    case 'subscript':
      return next(node.childForFieldName('value'));
    case 'attribute':
      return next(node.childForFieldName('object'));
    case 'call': {
      const fn = node.childForFieldName('function');
      const args = node.childForFieldName('arguments')?.namedChildren ?? [];
      const method = methodName(node);
      if (method && passing.has(method)) {
        const found = next(fn?.childForFieldName('object'));
        if (found) return found;
      } else if (!parsers.test(model.calleeName(node) ?? '')) return undefined;
      for (const argument of args) {
        const found = next(argument?.type === 'keyword_argument' ? argument.childForFieldName('value') : argument);
        if (found) return found;
      }
      return undefined;
    }
    case 'binary_operator':
    case 'parenthesized_expression':
    case 'conditional_expression':
    case 'boolean_operator':
      for (const child of node.namedChildren) {
        const found = next(child);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * For a value of unknown origin in an `http.server.BaseHTTPRequestHandler`: a verdict naming the part of the request
 * (`self.path`, `self.headers`, `self.rfile`) it is built from, when it is built from one. The tracker does not know
 * these attributes as sources; the handler's class makes them the request.
 */
export function handlerRequestVerdict(model: ModelView, value: Node, verdict: TaintVerdict): TaintVerdict | undefined {
  return requestVerdict(model, value, verdict, isHandlerRequest);
}

/**
 * For a value of unknown origin: a verdict naming the part of the request (as `isRequest` tells it) the value is built
 * from, when it is built from one.
 */
export function requestVerdict(
  model: ModelView,
  value: Node,
  verdict: TaintVerdict,
  isRequest: RequestMatcher,
): TaintVerdict | undefined {
  if (verdict.taint.level === 'tainted') return undefined;
  const shape = model.stringShape(value);
  const candidates = shape.isString ? shape.holes.map((hole) => hole.expression) : [value];
  let part: Node | undefined;
  for (const candidate of candidates) {
    part = requestPart(model, candidate, isRequest, 0);
    if (part) break;
  }
  if (!part) return undefined;
  return {
    culprit: verdict.culprit,
    confidence: 'high',
    taint: {
      level: 'tainted',
      steps: [],
      source: {
        family: 'socket',
        strength: 'strong',
        label: `\`${part.text.length > 40 ? `${part.text.slice(0, 37)}...` : part.text}\` (what the client sent)`,
        start: part.startIndex,
        end: part.endIndex,
      },
    },
  };
}
