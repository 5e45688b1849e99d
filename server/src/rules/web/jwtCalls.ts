import type { Node } from '../../parser/parser';
import type { RuleContext } from '../../ruleApi/types';

/** `jwt.encode`/`jwt.decode` of PyJWT or python-jose, by qualified name. */
export function jwtCall(call: Node, context: RuleContext): 'encode' | 'decode' | undefined {
  const callee = context.model.calleeName(call);
  if (callee === 'jwt.encode' || callee === 'jose.jwt.encode') return 'encode';
  if (callee === 'jwt.decode' || callee === 'jose.jwt.decode') return 'decode';
  return undefined;
}
