import type { Node } from '../../parser/parser';
import type { SemanticModel } from '../../semantic/model';
import type { TaintVerdict } from '../shared';

/** What an `http.server` request handler holds of the request: the client's request line, headers and body. */
const handlerRequest = /^self\.(?:path|headers|requestline|rfile)\b/;

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
  const part = candidates.find((node) => handlerRequest.test(node.text.replace(/\s/g, '')));
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
