import type { Node } from '../../parser/parser';
import type { RuleContext } from '../../ruleApi/types';
import { calledFunction, methodName } from '../../semantic/calls';

const clientModules = ['requests', 'httpx', 'urllib3', 'aiohttp'];
const requestMethods =
  /^(?:get|post|put|patch|delete|head|options|request|stream|send|Client|AsyncClient|Session|session|PoolManager|ProxyManager|urlopen|ClientSession)$/;

/** `requests.get`, `httpx.Client`, `session.get` where `session = requests.Session()`: an HTTP client call. */
export function httpClientCall(call: Node, context: RuleContext): string | undefined {
  const callee = context.model.calleeName(call);
  if (callee) {
    const [module, ...rest] = callee.split('.');
    if (clientModules.includes(module) && rest.length > 0 && requestMethods.test(rest[rest.length - 1])) return callee;
    if (callee === 'urllib.request.urlopen' || callee === 'urllib.request.Request') return callee;
    return undefined;
  }
  const method = methodName(call);
  if (method === undefined) return undefined;
  const path = context.model.resolvedPath(calledFunction(call)!.childForFieldName('object'));
  if (path && clientModules.some((m) => path.startsWith(`${m}.`)) && /\(\)$/.test(path) && requestMethods.test(method))
    return `${path}.${method}`;
  return undefined;
}

/** Hosts a plain-HTTP URL may point at without leaving the machine or a test network. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return (
    h === 'localhost' ||
    h === '::1' ||
    h === '0.0.0.0' ||
    /^127\./.test(h) ||
    h.endsWith('.localhost') ||
    h.endsWith('.local') ||
    h.endsWith('.test') ||
    h.endsWith('.example') ||
    h.endsWith('.invalid') ||
    h === 'host.docker.internal' ||
    /^(?:www\.)?example\.(?:com|org|net)$/.test(h)
  );
}
