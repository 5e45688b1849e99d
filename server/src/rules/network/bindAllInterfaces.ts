/**
 * ## What it does
 * Flags servers and sockets bound to every network interface: `"0.0.0.0"` or `"::"` given as a
 * host to `bind`, `run`, `listen` or a `host=` argument, or assigned to a name like `HOST`.
 *
 * ## Why is this bad?
 * A service bound to all interfaces is reachable from every network the machine is on: the office
 * Wi-Fi, the public internet of a cloud host. Development servers and admin endpoints are often
 * started like this by accident and have no authentication.
 *
 * ## Example
 * ```python
 * app.run(host="0.0.0.0", port=5000)
 * ```
 *
 * ## Use instead
 * ```python
 * app.run(host="127.0.0.1", port=5000)
 * # in a container, where all interfaces are intended: read it from the environment
 * app.run(host=os.environ.get("HOST", "127.0.0.1"), port=5000)
 * ```
 *
 * ## References
 * - CWE-605: Multiple Binds to the Same Port
 * - CWE-1327: Binding to an Unrestricted IP Address
 * - OWASP Top 10 2021 A05: Security Misconfiguration
 */
import type { Node } from '../../parser/parser';
import type { Rule } from '../../ruleApi/types';
import { literalString } from '../../semantic/calls';
import { isTestCode, nodeMentions } from '../shared';
import { unsafeFix } from '../../fixes/fix';

const everyInterface: Record<string, string> = { '0.0.0.0': '127.0.0.1', '::': '::1' };
const hostNames =
  /^(?:host|hostname|bind|bind_address|bind_host|listen|listen_address|address|addr|interface|server_name|ip)$/i;
const bindingMethods = new Set([
  'bind',
  'run',
  'listen',
  'serve',
  'run_simple',
  'make_server',
  'create_server',
  'start_server',
  'TCPServer',
  'HTTPServer',
  'ThreadingHTTPServer',
  'run_app',
  'serve_forever',
]);

/** Whether the string is given as the host something listens on. */
function givenAsHost(node: Node): boolean {
  let current = node;
  // ("0.0.0.0", 8080) passed to bind(): the address tuple.
  if (current.parent?.type === 'tuple' && current.parent.namedChildren[0]?.id === current.id) current = current.parent;
  const parent = current.parent;
  if (!parent) return false;
  if (parent.type === 'keyword_argument') return hostNames.test(parent.childForFieldName('name')?.text ?? '');
  if (parent.type === 'argument_list') {
    const fn = parent.parent?.childForFieldName('function');
    const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text.split('.').pop();
    return !!name && bindingMethods.has(name);
  }
  if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === current.id) {
    const target = parent.childForFieldName('left')?.text.split('.').pop() ?? '';
    return /(?:^|_)(?:host|bind|listen|address|addr|interface|ip)$/i.test(target);
  }
  if (parent.type === 'pair')
    return hostNames.test((parent.childForFieldName('key')?.text ?? '').replace(/^["']|["']$/g, ''));
  return parent.type === 'default_parameter' && hostNames.test(parent.childForFieldName('name')?.text ?? '');
}

export const bindAllInterfaces: Rule = {
  meta: {
    id: 'PSG521',
    name: 'bind-all-interfaces',
    title: 'Service bound to every network interface',
    defaultSeverity: 'warning',
    cwe: 1327,
    owasp: 'A05:2021-Security Misconfiguration',
    checklistItem: 'https-enforced',
    bandit: ['B104'],
    ruff: ['S104'],
    fixable: true,
    fixes: [
      {
        title: 'Bind to <address> (this machine only)',
        applicability: 'unsafe',
        why: 'Other machines can no longer connect to the service.',
      },
    ],
  },
  triggers: ['0.0.0.0', '::'],
  visitors: {
    string(node, context) {
      // The value is written out in the literal (in its source escaping): other strings are passed over unread.
      if (!nodeMentions(context, node, '0.0.0.0') && !nodeMentions(context, node, '::')) return;
      const value = literalString(context.model, node);
      if (value === undefined || !(value in everyInterface) || !givenAsHost(node) || isTestCode(context.model, node))
        return;
      const local = everyInterface[value];
      const quote = /^[a-zA-Z]*(['"])/.exec(node.text)?.[1] ?? '"';
      context.report({
        node,
        message: `\`${value}\` listens on every network interface, reachable from any network the machine is on. The fix binds to \`${local}\` (this machine only); if every interface is intended (a container), read the host from the environment instead.`,
        confidence: 'medium',
        fix: unsafeFix(`Bind to ${local} (this machine only)`, 'other machines can no longer connect', [
          { start: node.startIndex, end: node.endIndex, newText: `${quote}${local}${quote}` },
        ]),
      });
    },
  },
};
