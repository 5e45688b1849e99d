import type { Node } from '../../parser/parser';
import type { SemanticModel } from '../../semantic/model';
import type { TaintVerdict } from '../shared';

/** What an `http.server` request handler holds of the request: the client's request line, headers and body. */
const handlerRequest = /^self\.(?:path|headers|requestline|rfile)\b/;

/**
 * The read of the request (`self.path`, `self.rfile.read(...)`) a value is built from, through names assigned in the
 * handler (`params = parse_qs(urlparse(self.path).query)`, `msg = params["m"][0]`).
 */
const followed: ReadonlySet<string> = new Set([
  'call',
  'subscript',
  'attribute',
  'argument_list',
  'binary_operator',
  'parenthesized_expression',
  'conditional_expression',
  'boolean_operator',
]);

function requestPart(model: SemanticModel, node: Node, depth: number): Node | undefined {
  if (depth > 24) return undefined;
  if (handlerRequest.test(node.text.replace(/\s/g, ''))) return node;
  if (node.type === 'identifier') {
    const value = model.assignedValue(node);
    return value ? requestPart(model, value, depth + 1) : undefined;
  }
  if (!followed.has(node.type)) return undefined;
  for (const child of node.namedChildren) {
    const found = child ? requestPart(model, child, depth + 1) : undefined;
    if (found) return found;
  }
  return undefined;
}

/**
 * For a value of unknown origin in an `http.server.BaseHTTPRequestHandler`: a verdict naming the part of the request
 * (`self.path`, `self.headers`, `self.rfile`) it is built from, when it is built from one. The tracker does not know
 * these attributes as sources; the handler's class makes them the request.
 */
export function handlerRequestVerdict(
  model: SemanticModel,
  value: Node,
  verdict: TaintVerdict,
): TaintVerdict | undefined {
  if (verdict.taint.level === 'tainted') return undefined;
  const shape = model.stringShape(value);
  const candidates = shape.isString ? shape.holes.map((hole) => hole.expression) : [value];
  let part: Node | undefined;
  for (const candidate of candidates) {
    part = requestPart(model, candidate, 0);
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
