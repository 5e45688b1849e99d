import type { Node } from '../../engine/parser';
import type { Confidence, RuleContext } from '../types';

/** Where a non-constant value may come from: high for request data or `input()`, medium for a parameter, low otherwise; undefined for constants. */
export function nonConstantConfidence(node: Node, context: RuleContext): Confidence | undefined {
  const origins = context.model.origins(node);
  if (origins.size === 1 && origins.has('constant')) return undefined;
  if (origins.has('request') || origins.has('input')) return 'high';
  if (origins.has('parameter')) return 'medium';
  return 'low';
}

export const originWords: Record<string, string> = { high: 'request data', medium: 'a parameter', low: 'a value that is not a constant' };
